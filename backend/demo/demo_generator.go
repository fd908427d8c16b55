package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"churndesk/backend/accounts"
	"churndesk/backend/calendar"
	"churndesk/backend/churn"
	"churndesk/backend/store"
)

// region groups the names, currency and language of a customer's market.
type region struct {
	currency string
	tld      string
	first    []string
	last     []string
	prefixes []string
	suffixes []string
	comments map[string][]string // by NPS class: promoter, passive, detractor
}

var regions = []region{
	{
		currency: "USD", tld: ".com",
		first:    []string{"Emily", "James", "Olivia", "Michael", "Sophia", "Daniel", "Ava", "Ryan", "Grace", "Nathan"},
		last:     []string{"Carter", "Nguyen", "Patel", "Brooks", "Reed", "Hughes", "Foster", "Bennett", "Diaz", "Morgan"},
		prefixes: []string{"Northwind", "Bluepeak", "Brightline", "Cedar", "Harbor", "Summit", "Lumen", "Ironclad", "Silverleaf", "Keystone", "Redwood", "Tidewater"},
		suffixes: []string{"Logistics", "Analytics", "Health", "Labs", "Systems", "Foods", "Legal", "Capital", "Media", "Robotics"},
		comments: map[string][]string{
			"promoter":  {"The weekly reports save our ops team hours.", "Support answers within the hour. Love it.", "Rolled it out to two more teams this quarter."},
			"passive":   {"Does the job, the reporting could be more flexible.", "Fine overall; onboarding new users takes a while."},
			"detractor": {"Too expensive for what we use.", "The Salesforce sync keeps breaking.", "We barely log in anymore."},
		},
	},
	{
		currency: "EUR", tld: ".de",
		first:    []string{"Lena", "Jonas", "Marie", "Lukas", "Sophie", "Felix", "Clara", "Paul", "Hannah", "Moritz"},
		last:     []string{"Schmidt", "Weber", "Fischer", "Wagner", "Becker", "Hoffmann", "Richter", "Klein", "Wolf", "Neumann"},
		prefixes: []string{"Nordlicht", "Alpen", "Rheinwerk", "Falken", "Helios", "Weiss", "Kranich", "Elbe", "Tannen", "Sonnen"},
		suffixes: []string{"Logistik", "Software", "Medien", "Technik", "Handel", "Energie", "Bau", "Consulting"},
		comments: map[string][]string{
			"promoter":  {"Sehr zuverlässig, unser Team nutzt es täglich.", "Great product, the dashboards are clear."},
			"passive":   {"Gut, aber der Export nach Excel fehlt uns.", "Solid, though pricing went up."},
			"detractor": {"Zu teuer für unseren Nutzen.", "Performance issues every Monday morning."},
		},
	},
	{
		currency: "PLN", tld: ".pl",
		first:    []string{"Anna", "Piotr", "Katarzyna", "Tomasz", "Magdalena", "Paweł", "Agnieszka", "Michał", "Joanna", "Łukasz"},
		last:     []string{"Kowalska", "Nowak", "Wiśniewska", "Wójcik", "Kamińska", "Lewandowski", "Zielińska", "Szymański", "Dąbrowska", "Kozłowski"},
		prefixes: []string{"Wisła", "Bursztyn", "Sokół", "Orzeł", "Zorza", "Kraków", "Mazowsze", "Jantar", "Pomorze", "Tatry"},
		suffixes: []string{"Logistyka", "Systemy", "Finanse", "Media", "Technologie", "Handel", "Usługi"},
		comments: map[string][]string{
			"promoter":  {"Świetne narzędzie, oszczędza nam mnóstwo czasu.", "Wsparcie odpowiada bardzo szybko."},
			"passive":   {"W porządku, ale raporty mogłyby być czytelniejsze.", "Działa, choć wdrożenie trwało długo."},
			"detractor": {"Za drogo jak na nasze potrzeby.", "Często mamy problemy z integracją."},
		},
	},
	{
		currency: "EUR", tld: ".eu",
		first:    []string{"Dmitri", "Olga", "Sergei", "Natalia", "Alexei", "Irina", "Mikhail", "Elena", "Ivan", "Tatiana"},
		last:     []string{"Ivanov", "Petrova", "Smirnov", "Volkova", "Kuznetsov", "Sokolova", "Popov", "Lebedeva", "Morozov", "Orlova"},
		prefixes: []string{"Вектор", "Гранит", "Северный", "Альфа", "Сапфир", "Орбита", "Меридиан", "Квант"},
		suffixes: []string{"Софт", "Логистик", "Медиа", "Системс", "Финанс", "Технологии"},
		comments: map[string][]string{
			"promoter":  {"Отличный сервис, команда пользуется каждый день.", "Очень удобные отчёты для руководства."},
			"passive":   {"В целом хорошо, но не хватает интеграции с 1С.", "Нормально, хотелось бы больше гибкости."},
			"detractor": {"Слишком дорого для нашего бюджета.", "Часто бывают сбои синхронизации."},
		},
	},
}

var (
	industries = []string{"Software", "Logistics", "Healthcare", "Financial services", "Retail", "Manufacturing", "Marketing agency", "Education", "Legal", "Real estate"}
	owners     = []string{"Anna Kowalska", "Dmitri Ivanov", "Sarah Chen", "Tomasz Nowak", "Emily Carter", "Lena Schmidt"}
	crmSources = []string{"hubspot", "salesforce", "pipedrive", ""}
	// planByTier lists the plan names with their monthly price per seat in minor units.
	planPrices = map[string]int64{"Starter": 1500, "Growth": 2900, "Business": 4900, "Enterprise": 7900}
)

// trend is the usage shape an account follows over the year.
type trend int

const (
	trendStable trend = iota
	trendRising
	trendDeclining
	trendGoneQuiet
)

// accountPlan is a generated account before it has an id.
type accountPlan struct {
	row     store.Account
	region  region
	trend   trend
	utilise float64
	churn   *churnPlan
	planted *store.NPSResponse // the detractor answer planted before the churn
}

type generator struct {
	r       *rand.Rand
	seed    int64
	today   time.Time
	names   map[string]int
	seq     int
	reasons []churn.Reason
}

func newGenerator(seed int64, today time.Time) *generator {
	return &generator{r: rng(seed), seed: seed, today: today, names: map[string]int{}, reasons: churn.DefaultSettings().Reasons}
}

func (g *generator) pick(list []string) string { return list[g.r.IntN(len(list))] }

func (g *generator) account() accountPlan {
	g.seq++
	reg := regions[g.weighted([]int{45, 25, 20, 10})]
	name := g.pick(reg.prefixes) + " " + g.pick(reg.suffixes)
	if n := g.names[name]; n > 0 {
		g.names[name] = n + 1
		name = fmt.Sprintf("%s %d", name, n+1)
	} else {
		g.names[name] = 1
	}
	segment := []string{"smb", "mid_market", "enterprise"}[g.weighted([]int{60, 30, 10})]
	plan, seats := g.planAndSeats(segment)
	monthsAgo := 1 + g.r.IntN(48)
	start := g.today.AddDate(0, -monthsAgo, -g.r.IntN(28))
	status := "active"
	age := g.today.Sub(start).Hours() / 24
	switch {
	case age < 30 && g.r.IntN(2) == 0:
		status = "trial"
	case age < 60:
		// A few trials still running (about 2 % of accounts). Accounts in
		// onboarding are trials that converted: their contract start is
		// the conversion day, where their "new" MRR movement is.
		status = "trial"
	case age < 90:
		status = "onboarding"
	}
	renewal := start
	for k := 1; !renewal.After(g.today); k++ {
		renewal = calendar.AddMonths(start, 12*k)
	}
	acc := store.Account{
		Name: name, Domain: slug(name) + reg.tld, Industry: g.pick(industries), Segment: segment,
		Plan: plan, Currency: reg.currency, Seats: seats, MRR: planPrices[plan] * int64(seats) * g.discount() / 100,
		ContractStart: store.NewDate(start), Owner: g.pick(owners), Status: status, PaymentStatus: "ok",
	}
	acc.SearchText = accounts.SearchText(acc.Name, acc.Domain)
	if status != "trial" {
		d := store.NewDate(renewal)
		acc.RenewalDate = &d
	}
	if src := g.pick(crmSources); src != "" {
		acc.CRMSource, acc.ExternalID = src, fmt.Sprintf("%s-%07d", src[:2], g.seq)
	}
	if g.r.IntN(100) < 4 && status == "active" {
		d := store.NewDate(g.today.AddDate(0, 0, -5-g.r.IntN(40)))
		acc.PaymentStatus, acc.OverdueSince = "overdue", &d
	}
	if segment != "enterprise" && g.r.IntN(100) < 70 {
		exp := g.today.AddDate(0, g.r.IntN(36), 0)
		month, year := int(exp.Month()), exp.Year()
		acc.CardExpiryMonth, acc.CardExpiryYear = &month, &year
	}
	tr := trend(g.weighted([]int{50, 20, 20, 10}))
	p := accountPlan{row: acc, region: reg, trend: tr, utilise: 0.35 + g.r.Float64()*0.55}
	g.maybeChurn(&p, g.reasons)
	if p.churn != nil {
		p.planted = p.churn.plant(plantRNG(g.seed, g.seq), &p.row)
	}
	return p
}

func (g *generator) planAndSeats(segment string) (string, int) {
	switch segment {
	case "enterprise":
		return []string{"Business", "Enterprise"}[g.r.IntN(2)], 100 + g.r.IntN(900)
	case "mid_market":
		return []string{"Growth", "Business"}[g.r.IntN(2)], 25 + g.r.IntN(125)
	default:
		return []string{"Starter", "Growth"}[g.weighted([]int{65, 35})], 3 + g.r.IntN(30)
	}
}

// discount is the percentage of list price paid: most pay list, some got a deal.
func (g *generator) discount() int64 {
	return []int64{100, 100, 100, 90, 85, 80}[g.r.IntN(6)]
}

func (g *generator) weighted(weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := g.r.IntN(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}

func (g *generator) contacts(p accountPlan) []store.Contact {
	roles := []string{"champion", "decision_maker", "billing", "user"}
	n := 1 + g.r.IntN(4)
	out := make([]store.Contact, n)
	for i := range out {
		first, last := g.pick(p.region.first), g.pick(p.region.last)
		out[i] = store.Contact{
			Name: first + " " + last, Role: roles[i],
			Email: strings.ToLower(ascii(first)+"."+ascii(last)) + "@" + p.row.Domain,
			Phone: fmt.Sprintf("+%d %03d %03d %03d", 1+g.r.IntN(98), g.r.IntN(1000), g.r.IntN(1000), g.r.IntN(1000)),
		}
	}
	return out
}

// usage gives the weekly snapshots from the contract start (at most a year back) to this week.
func (g *generator) usage(p accountPlan) []store.UsageSnapshot {
	thisWeek := weekStart(g.today)
	first := thisWeek.AddDate(0, 0, -7*(Weeks-1))
	if p.churn != nil {
		thisWeek = weekStart(p.churn.date)
	}
	if s := weekStart(p.row.ContractStart.Time); s.After(first) {
		first = s
	}
	base := math.Max(1, float64(p.row.Seats)*p.utilise)
	var out []store.UsageSnapshot
	var lastLogin *time.Time
	total := int(thisWeek.Sub(first).Hours()/24/7) + 1
	for i := range total {
		week := first.AddDate(0, 0, 7*i)
		progress := float64(i) / float64(max(1, total-1))
		factor := 1.0
		switch p.trend {
		case trendRising:
			factor = 0.6 + 0.6*progress
		case trendDeclining:
			factor = 1.1 - 0.7*progress
		case trendGoneQuiet:
			factor = 1.0 - 0.5*progress
			if total-i <= 3+g.r.IntN(3) {
				factor = 0
			}
		}
		noise := 0.9 + g.r.Float64()*0.2
		active := int(math.Round(base * factor * noise))
		active = min(active, p.row.Seats)
		logins := active * (3 + g.r.IntN(6))
		if active > 0 {
			t := week.Add(time.Duration(g.r.IntN(5*24)) * time.Hour).Add(8 * time.Hour)
			lastLogin = &t
		}
		out = append(out, store.UsageSnapshot{
			WeekStart: store.NewDate(week), ActiveUsers: active, Logins: logins,
			KeyFeatureUses: int(float64(logins) * (0.2 + g.r.Float64()*0.5)), LastLoginAt: lastLogin,
		})
	}
	return out
}

func (g *generator) nps(p accountPlan) []store.NPSResponse {
	n := g.r.IntN(4)
	out := make([]store.NPSResponse, 0, n)
	for range n {
		score := g.npsScore(p.trend)
		class := "passive"
		switch {
		case score >= 9:
			class = "promoter"
		case score <= 6:
			class = "detractor"
		}
		comment := ""
		if g.r.IntN(3) > 0 {
			comment = g.pick(p.region.comments[class])
		}
		day := g.today.AddDate(0, 0, -g.r.IntN(365))
		if day.Before(p.row.ContractStart.Time) || (p.churn != nil && day.After(p.churn.date)) {
			continue
		}
		out = append(out, store.NPSResponse{Score: score, Comment: comment, RespondedOn: store.NewDate(day)})
	}
	return out
}

func (g *generator) npsScore(t trend) int {
	switch t {
	case trendRising:
		return 7 + g.r.IntN(4)
	case trendDeclining, trendGoneQuiet:
		return g.r.IntN(9)
	default:
		return 5 + g.r.IntN(6)
	}
}

// weekStart is the Monday of t's week.
func weekStart(t time.Time) time.Time {
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	offset := (int(d.Weekday()) + 6) % 7
	return d.AddDate(0, 0, -offset)
}

var translit = strings.NewReplacer(
	"ą", "a", "ć", "c", "ę", "e", "ł", "l", "ń", "n", "ó", "o", "ś", "s", "ź", "z", "ż", "z",
	"Ł", "L", "Ś", "S", "Ż", "Z", "ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss",
	"а", "a", "б", "b", "в", "v", "г", "g", "д", "d", "е", "e", "ж", "zh", "з", "z", "и", "i", "й", "y",
	"к", "k", "л", "l", "м", "m", "н", "n", "о", "o", "п", "p", "р", "r", "с", "s", "т", "t", "у", "u",
	"ф", "f", "х", "kh", "ц", "ts", "ч", "ch", "ш", "sh", "щ", "sch", "ы", "y", "ь", "", "ъ", "", "э", "e", "ю", "yu", "я", "ya",
)

// ascii spells a name in plain Latin letters for e-mail addresses and domains.
func ascii(s string) string {
	s = translit.Replace(strings.ToLower(s))
	var b strings.Builder
	for _, r := range s {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// slug makes a domain label from a company name; unique names give unique labels.
func slug(name string) string {
	words := strings.Fields(name)
	parts := make([]string, 0, len(words))
	for _, w := range words {
		if a := ascii(w); a != "" {
			parts = append(parts, a)
		}
	}
	return strings.Join(parts, "")
}
