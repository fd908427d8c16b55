package reliability

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"churndesk/backend/boot"
	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
)

// opsPerClient is 1,000 with CHURNDESK_LOAD=full, and a smaller number for
// the everyday run.
func opsPerClient() int {
	if os.Getenv("CHURNDESK_LOAD") == "full" {
		return 1000
	}
	return 120
}

const clients = 16

type client struct {
	t    *testing.T
	base string
	http *http.Client
}

func (c client) do(method, path string, body any) (int, []byte) {
	var r io.Reader
	if body != nil {
		raw, _ := json.Marshal(body)
		r = bytes.NewReader(raw)
	}
	req, _ := http.NewRequest(method, c.base+path, r)
	req.Header.Set("Content-Type", "application/json")
	res, err := c.http.Do(req)
	if err != nil {
		return 0, []byte(err.Error())
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return res.StatusCode, raw
}

// TestConcurrentClients runs 16 clients, each mixing reads and writes, and
// then checks that every write is stored exactly once: counts and sums
// kept by the clients match the database.
func TestConcurrentClients(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			b, err := boot.OpenWith(context.Background(), e.DSN, time.Now, slog.New(slog.DiscardHandler))
			if err != nil {
				t.Fatal(err)
			}
			defer b.Close()
			srv := httptest.NewServer(b.API())
			defer srv.Close()
			ops := opsPerClient()
			type tally struct {
				accounts, contacts, usage int
				mrr                       map[int64]int64
				errors                    []string
			}
			results := make([]tally, clients)
			var wg sync.WaitGroup
			started := time.Now()
			for n := range clients {
				wg.Add(1)
				go func() {
					defer wg.Done()
					c := client{t: t, base: srv.URL, http: srv.Client()}
					r := rand.New(rand.NewPCG(uint64(n), 7))
					res := tally{mrr: map[int64]int64{}}
					var mine []int64
					fail := func(op string, code int, body []byte) {
						res.errors = append(res.errors, fmt.Sprintf("client %d %s: %d %s", n, op, code, body))
					}
					for i := range ops {
						switch k := r.IntN(10); {
						case k < 3 || len(mine) == 0:
							mrr := int64(1000 + r.IntN(90000))
							code, body := c.do("POST", "/api/v1/accounts", map[string]any{"name": fmt.Sprintf("Client %d account %d", n, i), "segment": "smb",
								"mrr": mrr, "currency": "EUR", "contract_start": "2025-01-01", "status": "active"})
							if code != 201 {
								fail("create", code, body)
								continue
							}
							var a struct{ ID int64 }
							json.Unmarshal(body, &a)
							mine = append(mine, a.ID)
							res.accounts++
							res.mrr[a.ID] = mrr
						case k < 5:
							id := mine[r.IntN(len(mine))]
							mrr := int64(1000 + r.IntN(90000))
							code, body := c.do("PUT", "/api/v1/accounts/"+strconv.FormatInt(id, 10), map[string]any{"name": fmt.Sprintf("Client %d account %d (edited)", n, id),
								"segment": "mid_market", "mrr": mrr, "currency": "EUR", "contract_start": "2025-01-01", "status": "active"})
							if code != 200 {
								fail("update", code, body)
								continue
							}
							res.mrr[id] = mrr
						case k < 6:
							id := mine[r.IntN(len(mine))]
							code, body := c.do("POST", "/api/v1/accounts/"+strconv.FormatInt(id, 10)+"/contacts",
								map[string]any{"name": "Person", "email": fmt.Sprintf("p%d.%d@example.com", n, i), "role": "user"})
							if code != 201 {
								fail("contact", code, body)
								continue
							}
							res.contacts++
						case k < 7:
							id := mine[r.IntN(len(mine))]
							week := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 7*i).Format(time.DateOnly)
							code, body := c.do("PUT", "/api/v1/usage", map[string]any{"items": []map[string]any{{"account_id": id, "week_start": week,
								"active_users": r.IntN(50), "logins": r.IntN(500), "key_feature_uses": r.IntN(100)}}})
							if code != 200 {
								fail("usage", code, body)
								continue
							}
							res.usage++
						case k < 9:
							if code, body := c.do("GET", "/api/v1/accounts?limit=25&sort=-mrr", nil); code != 200 {
								fail("list", code, body)
							}
						default:
							id := mine[r.IntN(len(mine))]
							if code, body := c.do("GET", "/api/v1/accounts/"+strconv.FormatInt(id, 10), nil); code != 200 {
								fail("get", code, body)
							}
						}
					}
					results[n] = res
				}()
			}
			wg.Wait()
			elapsed := time.Since(started)
			var accounts, contacts, usage int
			var sum int64
			for _, r := range results {
				for _, e := range r.errors {
					t.Error(e)
				}
				accounts += r.accounts
				contacts += r.contacts
				usage += r.usage
				for _, m := range r.mrr {
					sum += m
				}
			}
			db := b.Store.Read(context.Background())
			var gotAccounts, gotContacts, gotUsage, gotSum int64
			db.Model(&store.Account{}).Count(&gotAccounts)
			db.Model(&store.Contact{}).Count(&gotContacts)
			db.Model(&store.UsageSnapshot{}).Count(&gotUsage)
			db.Model(&store.Account{}).Select("COALESCE(SUM(mrr), 0)").Scan(&gotSum)
			if gotAccounts != int64(accounts) || gotContacts != int64(contacts) || gotUsage != int64(usage) || gotSum != sum {
				t.Errorf("stored %d accounts, %d contacts, %d usage rows, MRR sum %d; clients wrote %d, %d, %d, %d",
					gotAccounts, gotContacts, gotUsage, gotSum, accounts, contacts, usage, sum)
			}
			t.Logf("%s: %d clients × %d requests in %s (%.0f requests/s): %d accounts, %d contacts, %d usage rows, 0 errors",
				e.Name, clients, ops, elapsed.Round(time.Millisecond), float64(clients*ops)/elapsed.Seconds(), accounts, contacts, usage)
		})
	}
}
