package api

import (
	"context"
	"net/http"
)

// These adapters are the whole of most handlers: decode the request, call
// one domain function, encode its answer.

// get answers with fn's result.
func get[Out any](h *handlers, fn func(context.Context) (Out, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		out, err := fn(r.Context())
		h.reply(w, r, http.StatusOK, out, err)
	}
}

// withQuery decodes the query string into Q.
func withQuery[Q, Out any](h *handlers, fn func(context.Context, Q) (Out, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var q Q
		if err := decodeQuery(r, &q); err != nil {
			h.fail(w, r, err)
			return
		}
		out, err := fn(r.Context(), q)
		h.reply(w, r, http.StatusOK, out, err)
	}
}

// withBody decodes a JSON body into In and answers with status.
func withBody[In, Out any](h *handlers, status int, fn func(context.Context, In) (Out, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var in In
		if err := decodeJSON(w, r, &in); err != nil {
			h.fail(w, r, err)
			return
		}
		out, err := fn(r.Context(), in)
		h.reply(w, r, status, out, err)
	}
}

// withID reads the {id} path parameter.
func withID[Out any](h *handlers, fn func(context.Context, int64) (Out, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "id")
		if err != nil {
			h.fail(w, r, err)
			return
		}
		out, err := fn(r.Context(), id)
		h.reply(w, r, http.StatusOK, out, err)
	}
}

// withIDQuery reads {id} and the query string.
func withIDQuery[Q, Out any](h *handlers, fn func(context.Context, int64, Q) (Out, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "id")
		if err != nil {
			h.fail(w, r, err)
			return
		}
		var q Q
		if err := decodeQuery(r, &q); err != nil {
			h.fail(w, r, err)
			return
		}
		out, err := fn(r.Context(), id, q)
		h.reply(w, r, http.StatusOK, out, err)
	}
}

// withIDBody reads {id} and a JSON body, and answers with status.
func withIDBody[In, Out any](h *handlers, status int, fn func(context.Context, int64, In) (Out, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "id")
		if err != nil {
			h.fail(w, r, err)
			return
		}
		var in In
		if err := decodeJSON(w, r, &in); err != nil {
			h.fail(w, r, err)
			return
		}
		out, err := fn(r.Context(), id, in)
		h.reply(w, r, status, out, err)
	}
}

// deleteByID reads {id} and answers 204.
func deleteByID(h *handlers, fn func(context.Context, int64) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "id")
		if err == nil {
			err = fn(r.Context(), id)
		}
		h.reply(w, r, http.StatusNoContent, nil, err)
	}
}
