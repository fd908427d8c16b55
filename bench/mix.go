package main

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"
)

// mixClients is how many people work at once in the daily mix.
const mixClients = 16

// mixResult is the daily mix on one engine: per kind of request, how many
// were made and how long they took.
type mixResult struct {
	Engine   string    `json:"engine"`
	Seconds  float64   `json:"seconds"`
	Clients  int       `json:"clients"`
	Requests int       `json:"requests"`
	Errors   int       `json:"errors"`
	Kinds    []mixKind `json:"kinds"`
}

type mixKind struct {
	Name  string  `json:"name"`
	Count int     `json:"count"`
	P50   float64 `json:"p50_ms"`
	P95   float64 `json:"p95_ms"`
}

// dailyMix runs mixClients clients against serve for d, each repeating a
// working day's requests: Today's tasks, an account page (account, health,
// tasks), the figures, and now and then a churn logged for a live account.
// Every answer must be a success.
func (r *run) dailyMix(d time.Duration) mixResult {
	s, _ := r.startServe()
	defer s.stop()
	live := r.liveAccounts(mixClients * 200)
	kinds := []string{"Today", "account page", "figures", "churn logged"}
	var mu sync.Mutex
	times := map[string][]time.Duration{}
	errors := 0
	deadline := time.Now().Add(d)
	var wg sync.WaitGroup
	for c := range mixClients {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(c), 7))
			mine := live[c*len(live)/mixClients : (c+1)*len(live)/mixClients]
			for time.Now().Before(deadline) {
				id := mine[rng.IntN(len(mine))]
				var kind string
				var took time.Duration
				ok := true
				switch n := rng.IntN(100); {
				case n < 35:
					kind = kinds[0]
					took, ok = s.expect("/api/v1/tasks?limit=50", 200)
				case n < 75:
					kind = kinds[1]
					t1, ok1 := s.expect(fmt.Sprintf("/api/v1/accounts/%d", id), 200)
					t2, ok2 := s.expect(fmt.Sprintf("/api/v1/accounts/%d/health", id), 200)
					t3, ok3 := s.expect(fmt.Sprintf("/api/v1/tasks?account_id=%d", id), 200)
					took, ok = t1+t2+t3, ok1 && ok2 && ok3
				case n < 97:
					kind = kinds[2]
					took, ok = s.expect("/api/v1/metrics", 200)
				default:
					if len(mine) < 2 {
						continue
					}
					kind = kinds[3]
					// Each account churns once: take it out of this client's share.
					i := rng.IntN(len(mine))
					id, mine = mine[i], append(mine[:i:i], mine[i+1:]...)
					took, ok = s.post(fmt.Sprintf("/api/v1/accounts/%d/churn", id),
						`{"churn_date":"`+time.Now().AddDate(0, 0, -1).Format(time.DateOnly)+`","reason":"price_budget"}`, 201)
				}
				mu.Lock()
				times[kind] = append(times[kind], took)
				if !ok {
					errors++
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	res := mixResult{Engine: r.engine, Seconds: d.Seconds(), Clients: mixClients, Errors: errors}
	for _, k := range kinds {
		p50, p95 := percentiles(times[k])
		res.Kinds = append(res.Kinds, mixKind{Name: k, Count: len(times[k]), P50: round(p50), P95: round(p95)})
		res.Requests += len(times[k])
		fmt.Printf("  %-20s %6d requests  p50 %7.1f ms  p95 %7.1f ms\n", k, len(times[k]), p50, p95)
	}
	fmt.Printf("  %d requests, %d errors\n", res.Requests, errors)
	return res
}

// expect GETs path and says whether the answer had the wanted status.
func (s *server) expect(path string, status int) (time.Duration, bool) {
	d, got := s.get(path)
	return d, got == status
}

// post sends a JSON body as a script would.
func (s *server) post(path, body string, status int) (time.Duration, bool) {
	t0 := time.Now()
	res, err := http.Post(s.base+path, "application/json", bytes.NewBufferString(body))
	if err != nil {
		return time.Since(t0), false
	}
	res.Body.Close()
	return time.Since(t0), res.StatusCode == status
}

// liveAccounts returns up to n ids of live accounts, spread over the portfolio.
func (r *run) liveAccounts(n int) []int64 {
	b := r.open()
	defer b.Close()
	var ids []int64
	must(b.Store.Read(context.Background()).Raw(`SELECT id FROM accounts WHERE status = 'active' ORDER BY id`).Scan(&ids).Error)
	if len(ids) > n {
		step := len(ids) / n
		spread := make([]int64, 0, n)
		for i := 0; i < len(ids) && len(spread) < n; i += step {
			spread = append(spread, ids[i])
		}
		ids = spread
	}
	if len(ids) < mixClients {
		must(fmt.Errorf("daily mix: only %d live accounts", len(ids)))
	}
	return ids
}
