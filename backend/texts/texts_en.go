package texts

// english is the English catalogue, the reference every other catalogue
// must match key for key. Arguments are positional (%[1]s …); Plural
// messages take their count first.
var english = map[string]any{
	// Counts.
	"count.days":   Plural{One: "%d day", Other: "%d days"},
	"count.months": Plural{One: "%d month", Other: "%d months"},
	"count.years":  Plural{One: "%d year", Other: "%d years"},

	// Playbook tasks: %[1]s is the account, %[2]s the trigger's detail.
	"task.no_login.0":        "Call %[1]s: no login for %[2]s",
	"task.no_login.1":        "Send %[1]s a short 'what changed?' note with a booking link",
	"task.usage_drop.0":      "Ask %[1]s what changed: active users %[2]s",
	"task.usage_drop.1":      "Offer %[1]s a re-onboarding session for the teams that dropped off",
	"task.nps_detractor.0":   "Call %[1]s about their NPS answer (%[2]s) and listen",
	"task.nps_detractor.1":   "Log the detractor's issue for %[1]s and agree a fix date",
	"task.health_poor.0":     "Review %[1]s's health breakdown (%[2]s) and write a save plan",
	"task.health_poor.1":     "Hold a recovery meeting with %[1]s's champion",
	"task.payment_overdue.0": "Weekly reminder to %[1]s: payment due since %[2]s",
	"task.payment_overdue.1": "Ask %[1]s why the payment is late; offer to reschedule if force majeure",
	"task.card_expiring.0":   "Ask %[1]s to update the card that expires %[2]s",
	"task.renewal_due.0":     "Book %[1]s's renewal conversation (renews %[2]s)",
	"task.renewal_due.1":     "Prepare %[1]s's value summary for the renewal",
	"task.onboarding.0":      "Kick-off call with %[1]s: goals and success criteria",
	"task.onboarding.1":      "Check %[1]s reached its first milestone (first users active)",
	"task.onboarding.2":      "30-day review with %[1]s",
	"task.onboarding.3":      "90-day review with %[1]s: value delivered so far",
	"task.anniversary.0":     "Thank %[1]s for %[2]s with us",
	"task.tier_up":           "Congratulate %[1]s on reaching %[2]s and introduce its benefits",
	"task.win_back":          "Win-back call with %[1]s",

	// Trigger details (a task's reason).
	"reason.no_login":        "%[1]s (last %[2]s)",
	"reason.usage_drop":      "%[1]d → %[2]d in 4 weeks",
	"reason.nps_detractor":   "%[1]d on %[2]s",
	"reason.health_poor":     "score %.1f",
	"reason.payment_overdue": "%[1]s (%[2]s)",
	"reason.card_expiring":   "end of %[1]s",
	"reason.renewal_due":     "%[1]s",
	"reason.onboarding":      "signed %[1]s",
	"reason.win_back":        "offboarding checklist follow-up",

	// Loyalty tier placement.
	"tier.rule.pass":             "%[1]s %[2]s ≥ %[3]s",
	"tier.rule.fail":             "%[1]s %[2]s < %[3]s",
	"tier.what.tenure":           "tenure",
	"tier.what.mrr":              "MRR",
	"tier.what.lifetime_revenue": "lifetime revenue",
	"tier.what.health":           "health",
	"tier.no_rate":               "(no %[1]s rate)",
	"tier.needs":                 "%[1]s needs %[2]s",
	"tier.none":                  "no tiers defined",
	"tier.override":              "override: %[1]s",
	"health.good":                "good",
	"health.average":             "average",
	"health.poor":                "poor",
	"health.unscored":            "unscored",
	"health.no_data":             "too little data",

	// Offboarding documents and the farewell letter.
	"offboarding.doc.title":       "Offboarding checklist",
	"offboarding.doc.account":     "Account",
	"offboarding.doc.kind":        "Started by",
	"offboarding.doc.churn":       "churn",
	"offboarding.doc.intent":      "intent to leave",
	"offboarding.doc.reason":      "Reason",
	"offboarding.doc.start":       "Date",
	"offboarding.doc.progress":    "Progress",
	"offboarding.doc.step":        "Step",
	"offboarding.doc.owner":       "Owner",
	"offboarding.doc.due":         "Due",
	"offboarding.doc.done":        "Done",
	"offboarding.doc.yes":         "yes",
	"offboarding.doc.required":    "required",
	"offboarding.doc.notes":       "Notes",
	"offboarding.letter.no_name":  "there",
	"offboarding.letter.attached": "(attached)",
	"offboarding.role.csm":        "CSM",
	"offboarding.role.finance":    "finance",
	"offboarding.role.support":    "support",
	"offboarding.role.founder":    "founder",

	// Account status rules (a field message under "status").
	"account.status.churn_by_record": "cannot be set to churned here: log the churn on the account (Log churn / exit interview), which records why and sets the status",
	"account.status.reactivate":      "cannot change while the account is churned: reactivate it from its churn panel, which keeps its churn history",
}
