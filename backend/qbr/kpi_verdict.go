package qbr

import (
	"encoding/json"
	"strings"
)

// Units a value KPI can be measured in.
const (
	UnitCount   = "count"
	UnitPercent = "percent"
	UnitPoints  = "points"
	UnitHours   = "hours"
	UnitDays    = "days"
	UnitMoney   = "money"
)

// Directions a value KPI can have.
const (
	Higher  = "higher"
	Lower   = "lower"
	Neutral = "neutral"
)

// Verdicts of a KPI's change.
const (
	Improved  = "improved"
	Worsened  = "worsened"
	Unchanged = "unchanged"
	NoVerdict = "neutral"
)

// Verdict says whether a change is an improvement for a KPI with direction:
// a fall is an improvement when lower is better; no change is unchanged;
// a neutral KPI never gets a verdict.
func Verdict(change float64, direction string) string {
	switch {
	case direction == Neutral:
		return NoVerdict
	case change == 0:
		return Unchanged
	case (change > 0) == (direction == Higher):
		return Improved
	default:
		return Worsened
	}
}

// InPoints reports whether a unit's change is written in points rather than
// as a relative change: a percentage changes by percentage points.
func InPoints(unit string) bool { return unit == UnitPercent || unit == UnitPoints }

// lowerWords are name fragments of KPIs where less is better, in en, ru and pl.
var lowerWords = []string{
	"time", "duration", "hour", "day", "cost", "spend", "expense", "price", "ticket", "error", "bug", "defect", "incident",
	"outage", "downtime", "churn", "complaint", "escalat", "reopen", "backlog", "latency", "delay", "wait", "fail", "manual",
	"время", "часов", "часа", "дней", "дня", "срок", "стоимост", "затрат", "расход", "тикет", "заявк", "обращени", "ошибк", "сбоев", "сбои", "сбой", "инцидент",
	"отток", "жалоб", "простой", "задержк", "ожидани",
	"czas", "godzin", "dni", "koszt", "wydatk", "zgłosze", "błęd", "błąd", "awari", "incydent", "rezygnac", "odejś",
	"reklamac", "przestó", "opóźnie", "oczekiw",
}

// GuessKPI gives a sensible direction and unit for a KPI's name: times,
// costs, tickets, errors and churn are better lower; hours, days, money and
// rates get their unit. Anything else is a count where higher is better.
func GuessKPI(name string) (direction, unit string) {
	n := strings.ToLower(name)
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(n, w) {
				return true
			}
		}
		return false
	}
	direction, unit = Higher, UnitCount
	for _, w := range lowerWords {
		if strings.Contains(n, w) {
			direction = Lower
			break
		}
	}
	switch {
	case has("%", "rate", "share", "percent", "accuracy", "доля", "процент", "точность", "конверси", "odsetek", "procent", "wskaźnik", "dokładno", "konwersj"):
		unit = UnitPercent
	case has("nps", "csat", "score", "балл", "оценк", "punkt", "ocen"):
		unit = UnitPoints
	case has("hour", "часов", "часа", "godzin"):
		unit = UnitHours
	case has("day", "дней", "дня", "dni", "dzień"):
		unit = UnitDays
	case has("cost", "revenue", "spend", "price", "saving", "стоимост", "затрат", "выручк", "эконом", "koszt", "przych", "oszczęd"):
		unit = UnitMoney
	}
	if unit == UnitPercent && has("accuracy", "точность", "dokładno", "win", "конверси", "konwersj", "adoption") {
		direction = Higher
	}
	return direction, unit
}

// legacyKPI is how KPIs were stored before they had a unit kind and a
// direction in words: a free-text unit and a higher-is-better flag.
type legacyKPI struct {
	Unit           string `json:"unit"`
	Direction      string `json:"direction"`
	HigherIsBetter *bool  `json:"higher_is_better"`
}

func (l legacyKPI) upgrade(unit, direction *string) {
	if *direction == "" {
		*direction = Higher
		if l.HigherIsBetter != nil && !*l.HigherIsBetter {
			*direction = Lower
		}
	}
	switch u := strings.ToLower(strings.TrimSpace(l.Unit)); {
	case u == UnitCount || u == UnitPercent || u == UnitPoints || u == UnitHours || u == UnitDays || u == UnitMoney:
		*unit = u
	case u == "%":
		*unit = UnitPercent
	case u == "pp" || u == "p.p." || u == "pts" || u == "points":
		*unit = UnitPoints
	case u == "h" || u == "hrs" || u == "hours" || u == "ч" || u == "godz.":
		*unit = UnitHours
	case u == "d" || u == "days" || u == "дн." || u == "dni":
		*unit = UnitDays
	case len(u) == 3 && strings.ToUpper(u) == l.Unit:
		*unit = UnitMoney
	default:
		*unit = UnitCount
	}
}

// decodeEdited reads stored edited sections, upgrading KPIs saved before
// units and directions were words.
func decodeEdited(raw []byte) (Edited, error) {
	var e Edited
	if err := json.Unmarshal(raw, &e); err != nil {
		return e, err
	}
	var old struct {
		Value struct {
			KPIs       []legacyKPI `json:"kpis"`
			Experiment *struct {
				KPIs []legacyKPI `json:"kpis"`
			} `json:"experiment"`
		} `json:"value"`
	}
	if err := json.Unmarshal(raw, &old); err != nil {
		return e, err
	}
	for i := range e.Value.KPIs {
		old.Value.KPIs[i].upgrade(&e.Value.KPIs[i].Unit, &e.Value.KPIs[i].Direction)
	}
	if e.Value.Experiment != nil && old.Value.Experiment != nil {
		for i := range e.Value.Experiment.KPIs {
			old.Value.Experiment.KPIs[i].upgrade(&e.Value.Experiment.KPIs[i].Unit, &e.Value.Experiment.KPIs[i].Direction)
		}
	}
	return normalise(e), nil
}
