package notify

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"churndesk/backend/store"
)

// render builds the body sent for delivery d to endpoint ep: the JSON event
// or a Slack-compatible {"text": …} message, with texts in t's language.
func render(d store.NotifyDelivery, ep store.NotifyEndpoint, t lang) ([]byte, error) {
	data := map[string]any{}
	if err := json.Unmarshal([]byte(d.Payload), &data); err != nil {
		return nil, fmt.Errorf("read notification %d: %w", d.ID, err)
	}
	text := describe(d.EventType, data, t)
	if ep.Format == FormatSlack {
		return json.Marshal(map[string]string{"text": text})
	}
	return json.Marshal(Event{ID: d.EventKey, Type: d.EventType, CreatedAt: d.CreatedAt.UTC(), Text: text, Data: data})
}

// describe tells an event in words.
func describe(typ string, data map[string]any, t lang) string {
	str := func(k string) string { v, _ := data[k].(string); return v }
	num := func(k string) int64 { v, _ := data[k].(float64); return int64(v) }
	day := func(k string) string {
		d, err := time.Parse(time.DateOnly, str(k))
		if err != nil {
			return str(k)
		}
		return t.date(d)
	}
	switch typ {
	case EventTaskCreated:
		if str("owner") == "" {
			return t.f("notify.task_unassigned", str("title"), str("account_name"), day("due_on"))
		}
		return t.f("notify.task_created", str("owner"), str("title"), str("account_name"), day("due_on"))
	case EventHealthPoor:
		score, _ := data["score"].(float64)
		return t.f("notify.health_poor", str("account_name"), int(score+0.5), t.class(str("previous_class")), t.money(num("mrr"), str("currency")), t.owner(str("owner")))
	case EventChurnLogged:
		labels, _ := data["reason_labels"].(map[string]any)
		reason, _ := labels[string(t)].(string)
		if reason == "" {
			reason, _ = labels["en"].(string)
		}
		if reason == "" {
			reason = str("reason")
		}
		return t.f("notify.churn_logged", str("account_name"), day("churn_date"), reason, t.money(num("mrr_lost"), str("currency")))
	case EventReferralConverted:
		return t.f("notify.referral_converted", str("referrer_name"), str("referred_company"), t.money(num("mrr"), str("currency")))
	case EventDigest:
		return describeDigest(data, t)
	}
	return t.f("notify.test", str("endpoint_name"))
}

func describeDigest(data map[string]any, t lang) string {
	raw, _ := json.Marshal(data)
	var dg DigestData
	_ = json.Unmarshal(raw, &dg)
	day, err := time.Parse(time.DateOnly, dg.Date)
	title := dg.Date
	if err == nil {
		title = t.date(day)
	}
	lines := []string{t.f("notify.digest.title", title), "", t.f("notify.digest.at_risk", dg.AtRiskTotal)}
	for _, a := range dg.AtRisk {
		lines = append(lines, t.f("notify.digest.at_risk_line", a.Name, int(a.Score+0.5), t.money(a.MRR, a.Currency), t.owner(a.Owner)))
	}
	if more := dg.AtRiskTotal - len(dg.AtRisk); more > 0 {
		lines = append(lines, t.f("notify.digest.at_risk_more", more))
	}
	if dg.AtRiskTotal == 0 {
		lines = append(lines, t.f("notify.digest.none_at_risk"))
	}
	lines = append(lines, "", t.f("notify.digest.due_title"))
	for _, o := range dg.Due {
		var parts []string
		if o.Overdue > 0 {
			parts = append(parts, t.f("notify.digest.overdue", o.Overdue))
		}
		if o.DueToday > 0 {
			parts = append(parts, t.f("notify.digest.due_today", o.DueToday))
		}
		lines = append(lines, t.f("notify.digest.due_line", t.owner(o.Owner), strings.Join(parts, ", ")))
	}
	if len(dg.Due) == 0 {
		lines = append(lines, t.f("notify.digest.none_due"))
	}
	return strings.Join(lines, "\n")
}
