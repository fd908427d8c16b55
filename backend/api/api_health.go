package api

import (
	"context"
	"net/http"
	"time"

	"churndesk/backend/fault"
	"churndesk/backend/playbooks"
	"churndesk/backend/store"
)

// asOfCall adapts a computation for a day to a body that may name the day.
func asOfCall[Out any](h *handlers, fn func(context.Context, time.Time) (Out, error)) func(context.Context, AsOf) (Out, error) {
	return func(ctx context.Context, in AsOf) (Out, error) {
		day := h.Now() // in the team's time zone: its calendar day is today
		if in.AsOf != "" {
			d, err := store.ParseDate(in.AsOf)
			if err != nil || d.Year() < 1000 {
				var zero Out
				return zero, fault.Field("as_of", "must be a date written YYYY-MM-DD")
			}
			day = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, day.Location())
		}
		return fn(ctx, day)
	}
}

func (h *handlers) savePlaybook(w http.ResponseWriter, r *http.Request) {
	var p playbooks.Playbook
	if err := decodeJSON(w, r, &p); err != nil {
		h.fail(w, r, err)
		return
	}
	if p.Trigger != r.PathValue("trigger") {
		h.fail(w, r, fault.Field("trigger", "must match the trigger in the path"))
		return
	}
	out, err := h.Playbooks.SavePlaybook(r.Context(), p)
	h.reply(w, r, http.StatusOK, out, err)
}
