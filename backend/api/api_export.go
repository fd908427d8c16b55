package api

import (
	"bytes"
	"fmt"
	"net/http"

	"churndesk/backend/churn"
	"churndesk/backend/export"
	"churndesk/backend/fault"
	"churndesk/backend/retention"
)

// churnExportRequest documents the churn log export.
type churnExportRequest struct {
	Format string `query:"format" enum:"csv,xlsx" default:"csv"`
	churn.Query
}

func (h *handlers) exportChurn(w http.ResponseWriter, r *http.Request) {
	longWrite(w) // a generated file may take longer than an ordinary answer
	var q churnExportRequest
	if err := decodeQuery(r, &q); err != nil {
		h.fail(w, r, err)
		return
	}
	t, err := h.Churn.Table(r.Context(), q.Query)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeTable(w, r, h, q.Format, "churn-records", t)
}

// metricsExportRequest documents the figures export.
type metricsExportRequest struct {
	Format string `query:"format" enum:"csv,xlsx" default:"csv"`
	retention.MetricsQuery
}

func (h *handlers) exportMetrics(w http.ResponseWriter, r *http.Request) {
	longWrite(w) // a generated file may take longer than an ordinary answer
	var q metricsExportRequest
	if err := decodeQuery(r, &q); err != nil {
		h.fail(w, r, err)
		return
	}
	t, err := h.Retention.Table(r.Context(), q.MetricsQuery)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeTable(w, r, h, q.Format, "figures", t)
}

// writeTable sends t as a CSV or XLSX attachment.
func writeTable(w http.ResponseWriter, r *http.Request, h *handlers, format, name string, t export.Table) {
	var buf bytes.Buffer
	var err error
	contentType := "text/csv; charset=utf-8"
	switch format {
	case "", "csv":
		format, err = "csv", export.WriteCSV(&buf, t)
	case "xlsx":
		contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		err = export.WriteXLSX(&buf, t)
	default:
		err = fault.Field("format", "must be csv or xlsx")
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.%s"`, name, format))
	_, _ = w.Write(buf.Bytes())
}
