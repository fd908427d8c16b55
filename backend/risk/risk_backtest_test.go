package risk

import (
	"math"
	"reflect"
	"testing"
)

// trapezoid is the area under a curve through the points, in order.
func trapezoid(p []Point) float64 {
	a := 0.0
	for i := 1; i < len(p); i++ {
		a += (p[i].FPR - p[i-1].FPR) * (p[i].TPR + p[i-1].TPR) / 2
	}
	return a
}

// TestROCPointsHandWorked: four accounts scored 0.9 (churned), 0.8
// (stayed), 0.4 (churned), 0.1 (stayed). Lowering the threshold past each
// score in turn catches a leaver (0, ½), flags a stayer (½, ½), catches
// the other leaver (½, 1) and flags the last stayer (1, 1). Of the four
// leaver–stayer pairs three are ordered right: AUC ¾, the area under the
// points. With a tie (0.7 churned, 0.7 stayed, 0.2 stayed) the tied pair
// counts one half and the curve steps diagonally through the tie: AUC ¾
// again. The points are not thinned below 101.
func TestROCPointsHandWorked(t *testing.T) {
	for _, c := range []struct {
		score  []float64
		churn  []bool
		auc    float64
		points []Point
	}{
		{[]float64{0.9, 0.8, 0.4, 0.1}, []bool{true, false, true, false}, 0.75,
			[]Point{{0, 0}, {0, 0.5}, {0.5, 0.5}, {0.5, 1}, {1, 1}}},
		{[]float64{0.2, 0.7, 0.7}, []bool{false, true, false}, 0.75,
			[]Point{{0, 0}, {0.5, 1}, {1, 1}}},
	} {
		auc, points := AUC(c.score, c.churn)
		if auc != c.auc || !reflect.DeepEqual(points, c.points) {
			t.Errorf("AUC(%v, %v) = %v, %v; want %v, %v", c.score, c.churn, auc, points, c.auc, c.points)
		}
		if a := trapezoid(points); math.Abs(a-auc) > 1e-12 {
			t.Errorf("area under the points %v, AUC %v", a, auc)
		}
	}
	// 300 distinct scores give 301 points, thinned to 101 with both ends kept.
	score := make([]float64, 300)
	churn := make([]bool, 300)
	for i := range score {
		score[i] = float64(i)
		churn[i] = i%3 == 0
	}
	_, points := AUC(score, churn)
	if len(points) != 101 || points[0] != (Point{0, 0}) || points[100] != (Point{1, 1}) {
		t.Errorf("thinned to %d points, from %v to %v", len(points), points[0], points[len(points)-1])
	}
}

// TestCalibrationHandWorked: ten accounts, one per decile, sorted by
// predicted risk; deciles 9 and 10 (0.5 and 0.9 predicted) churned.
func TestCalibrationHandWorked(t *testing.T) {
	prob := []float64{0.9, 0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.5}
	churn := []bool{true, false, false, false, false, false, false, false, false, true}
	got := calibration(prob, churn)
	if len(got) != 10 || got[0] != (Decile{1, 1, 0.01, 0}) || got[8] != (Decile{9, 1, 0.5, 1}) || got[9] != (Decile{10, 1, 0.9, 1}) {
		t.Errorf("calibration %+v", got)
	}
}
