package risk

import (
	"encoding/csv"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
)

// TestCoxAgreesWithR fits the veteran lung-cancer data set of R's survival
// package, written out by R itself, and compares every coefficient, its
// standard error, the partial log-likelihood and Harrell's concordance with
// survival::coxph (ties = "breslow") to 1e-4. R is required: without
// Rscript the test fails (scripts/deps.sh installs r-base-core and
// r-cran-survival).
func TestCoxAgreesWithR(t *testing.T) {
	rscript, err := exec.LookPath("Rscript")
	if err != nil {
		t.Fatal("Rscript is missing: the Cox oracle needs r-base-core and r-cran-survival (scripts/deps.sh test installs them)")
	}
	dir := t.TempDir()
	script, err := filepath.Abs(filepath.Join("testdata", "cox_oracle.R"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(rscript, "--vanilla", script, "veteran.csv", "fit.csv")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("Rscript: %v\n%s", err, out)
	}
	data := readRows(t, filepath.Join(dir, "veteran.csv"))
	if len(data) != 137 {
		t.Fatalf("veteran has %d rows, want 137", len(data))
	}
	terms := []string{"trt", "smallcell", "adeno", "large", "karno", "diagtime", "age", "prior"}
	s := Survival{P: len(terms)}
	for _, r := range data {
		s.Time = append(s.Time, num(t, r["time"]))
		s.Event = append(s.Event, r["status"] == "1")
		for _, k := range terms {
			s.X = append(s.X, num(t, r[k]))
		}
	}
	fit, err := FitCox(s, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]map[string]string{}
	for _, r := range readRows(t, filepath.Join(dir, "fit.csv")) {
		want[r["term"]] = r
	}
	const tol = 1e-4
	for j, k := range terms {
		wc, ws := num(t, want[k]["coef"]), num(t, want[k]["se"])
		t.Logf("%-10s coef %12.6f R %12.6f   se %10.6f R %10.6f", k, fit.Coef[j], wc, fit.SE[j], ws)
		if math.Abs(fit.Coef[j]-wc) > tol {
			t.Errorf("%s: coef %.7f, R %.7f", k, fit.Coef[j], wc)
		}
		if math.Abs(fit.SE[j]-ws) > tol {
			t.Errorf("%s: se %.7f, R %.7f", k, fit.SE[j], ws)
		}
	}
	if c := num(t, want["concordance"]["coef"]); math.Abs(fit.Concordance-c) > tol {
		t.Errorf("concordance %.7f, R %.7f", fit.Concordance, c)
	}
	if ll := num(t, want["loglik"]["coef"]); math.Abs(fit.LogLik-ll) > tol {
		t.Errorf("log-likelihood %.7f, R %.7f", fit.LogLik, ll)
	}
	if ll0 := num(t, want["loglik"]["se"]); math.Abs(fit.LogLikNull-ll0) > tol {
		t.Errorf("null log-likelihood %.7f, R %.7f", fit.LogLikNull, ll0)
	}
	t.Logf("concordance %.6f R %s; %d Newton steps", fit.Concordance, want["concordance"]["coef"], fit.Iterations)
}

func readRows(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, raw := range rows[1:] {
		r := map[string]string{}
		for i, col := range rows[0] {
			r[col] = raw[i]
		}
		out = append(out, r)
	}
	return out
}

func num(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("number %q: %v", s, err)
	}
	return v
}
