package qbr

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"math"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/image/font/opentype"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"churndesk/backend/pdf"
	"churndesk/backend/texts"
)

// chartDPI is the resolution charts are drawn at: print quality, so they
// stay sharp on paper (an A4-wide chart is about 2,000 pixels across).
const chartDPI = 300

// chartHeightMM is the height of a chart on the page.
const chartHeightMM = 62

var (
	chartFontOnce sync.Once
	chartFontErr  error
	chartFont     = font.Font{Typeface: "DejaVu"}
	chartGreen    = color.RGBA{R: 0x2f, G: 0x9e, B: 0x44, A: 255}
	chartRed      = color.RGBA{R: 0xc9, G: 0x2a, B: 0x2a, A: 255}
	chartGrey     = color.RGBA{R: 0xad, G: 0xb5, B: 0xbd, A: 255}
	chartInk      = color.RGBA{R: 0x21, G: 0x25, B: 0x29, A: 255}
	chartGrid     = color.RGBA{R: 0xe9, G: 0xec, B: 0xef, A: 255}
)

// loadChartFont registers the document's DejaVu Sans with gonum/plot once,
// so chart labels in Russian and Polish render, in the document's face.
func loadChartFont() error {
	chartFontOnce.Do(func() {
		reg, bold := pdf.Fonts()
		r, err := opentype.Parse(reg)
		if err != nil {
			chartFontErr = fmt.Errorf("parse chart font: %w", err)
			return
		}
		b, err := opentype.Parse(bold)
		if err != nil {
			chartFontErr = fmt.Errorf("parse chart font: %w", err)
			return
		}
		boldFont := chartFont
		boldFont.Weight = 700
		font.DefaultCache.Add(font.Collection{{Font: chartFont, Face: r}, {Font: boldFont, Face: b}})
	})
	return chartFontErr
}

// charts draws the deck's chart of a section, by section key.
var charts = map[string]func(Report) ([]byte, error){
	"usage": usageChart, "health": healthChart, "nps": npsChart, "experiment": experimentChart,
}

// drawCharts draws the chart of each section that has one, at the same
// time on every core: the i-th picture belongs to secs[i] (nil: none).
func drawCharts(r Report, secs []section) ([][]byte, error) {
	if err := loadChartFont(); err != nil {
		return nil, err
	}
	out := make([][]byte, len(secs))
	errs := make([]error, len(secs))
	var wg sync.WaitGroup
	for i, s := range secs {
		if chart := charts[s.key]; chart != nil {
			wg.Go(func() {
				out[i], errs[i] = chart(r)
				if errs[i] != nil {
					errs[i] = fmt.Errorf("chart %s: %w", s.key, errs[i])
				}
			})
		}
	}
	wg.Wait()
	return out, errors.Join(errs...)
}

// brandColor is the report's brand colour, or ChurnDesk's own.
func brandColor(hex string) color.RGBA {
	h := strings.TrimPrefix(strings.TrimSpace(hex), "#")
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	v, err := strconv.ParseUint(h, 16, 32)
	if len(h) != 6 || err != nil {
		return color.RGBA{R: 0x0c, G: 0x7a, B: 0x76, A: 255}
	}
	return color.RGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 255}
}

// tint mixes c with white; share 0…1 of white.
func tint(c color.RGBA, share float64) color.RGBA {
	mix := func(v uint8) uint8 { return uint8(math.Round(float64(v) + (255-float64(v))*share)) }
	return color.RGBA{R: mix(c.R), G: mix(c.G), B: mix(c.B), A: 255}
}

// newPlot is a plot in the document's font, sizes and greys.
func newPlot(title string) *plot.Plot {
	p := plot.New()
	p.BackgroundColor = nil // the canvas is white already; a second fill costs a pass over every pixel
	set := func(f *font.Font, size float64) { *f = font.From(chartFont, font.Length(size)) }
	set(&p.Title.TextStyle.Font, 9)
	p.Title.TextStyle.Color = chartInk
	p.Title.Text = title
	p.Title.Padding = vg.Points(4)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		set(&a.Label.TextStyle.Font, 7)
		set(&a.Tick.Label.Font, 7)
		a.Tick.Label.Color = chartInk
		a.LineStyle.Color = chartGrey
		a.Tick.LineStyle.Color = chartGrey
		a.LineStyle.Width = vg.Points(0.5)
		a.Tick.LineStyle.Width = vg.Points(0.5)
	}
	set(&p.Legend.TextStyle.Font, 7)
	p.Legend.Top = true
	p.Legend.Left = true
	p.Legend.ThumbnailWidth = vg.Points(8)
	p.Legend.Padding = vg.Points(2)
	p.Legend.YOffs = vg.Points(4)
	grid := plotter.NewGrid()
	grid.Vertical.Color = color.Transparent
	grid.Horizontal.Color = chartGrid
	grid.Horizontal.Width = vg.Points(0.5)
	p.Add(grid)
	return p
}

// numTicks labels the value axis in lang with thousands separators, at
// gonum's default tick places, with suffix after each number ("%"); an
// axis of whole things (answers) labels whole numbers only.
func numTicks(lang, suffix string, whole bool) plot.Ticker {
	return plot.TickerFunc(func(min, max float64) []plot.Tick {
		ticks := plot.DefaultTicks{}.Ticks(min, max)
		for i := range ticks {
			if whole && ticks[i].Value != math.Trunc(ticks[i].Value) {
				ticks[i].Label = ""
			}
			if ticks[i].Label != "" {
				ticks[i].Label = fmtNum(ticks[i].Value, lang, 2) + suffix
			}
		}
		return ticks
	})
}

// series is one named row of bars or points.
type series struct {
	name   string
	values []float64
	color  color.RGBA
}

// barPlot is a clustered column chart: one group per label, one bar per
// series, each bar with its value written above it in lang.
func barPlot(title string, labels []string, ss []series, lang, suffix string) (*plot.Plot, error) {
	p := newPlot(title)
	width := vg.Points(math.Min(28, 120/float64(len(labels)*len(ss))))
	for i, s := range ss {
		bars, err := plotter.NewBarChart(plotter.Values(s.values), width)
		if err != nil {
			return nil, fmt.Errorf("bar chart: %w", err)
		}
		bars.Color = s.color
		bars.LineStyle.Width = 0
		bars.Offset = width * vg.Length(float64(i)-float64(len(ss)-1)/2)
		p.Add(bars)
		p.Legend.Add(s.name, bars)
		xys := make(plotter.XYs, len(s.values))
		text := make([]string, len(s.values))
		for j, v := range s.values {
			xys[j] = plotter.XY{X: float64(j), Y: math.Max(v, 0)}
			text[j] = fmtNum(v, lang, 1) + suffix
		}
		lab, err := plotter.NewLabels(plotter.XYLabels{XYs: xys, Labels: text})
		if err != nil {
			return nil, fmt.Errorf("bar labels: %w", err)
		}
		for j := range lab.TextStyle {
			lab.TextStyle[j].Font = font.From(chartFont, 6)
			lab.TextStyle[j].XAlign = draw.XCenter
			lab.TextStyle[j].Color = chartInk
		}
		lab.Offset = vg.Point{X: bars.Offset, Y: vg.Points(1.5)}
		p.Add(lab)
	}
	p.NominalX(labels...)
	p.Y.Tick.Marker = numTicks(lang, suffix, false)
	p.Y.Min = math.Min(0, p.Y.Min)
	p.X.Min, p.X.Max = -0.5, float64(len(labels))-0.5
	p.Y.Max *= 1.3 // room for the value labels and the legend
	if p.Y.Max <= p.Y.Min {
		p.Y.Max = p.Y.Min + 1
	}
	p.Legend.Top, p.Legend.Left = true, false
	return p, nil
}

// columnPlot draws one bar per label, each in its own colour and with its
// value written above it, so it needs no legend.
func columnPlot(title string, labels []string, values []float64, colors []color.RGBA, lang, suffix string, digits int) (*plot.Plot, error) {
	p := newPlot(title)
	xys := make(plotter.XYs, len(values))
	text := make([]string, len(values))
	for i, c := range colors {
		v := make(plotter.Values, len(values))
		v[i] = values[i]
		bars, err := plotter.NewBarChart(v, vg.Points(36))
		if err != nil {
			return nil, fmt.Errorf("column chart: %w", err)
		}
		bars.Color, bars.LineStyle.Width = c, 0
		p.Add(bars)
		xys[i] = plotter.XY{X: float64(i), Y: math.Max(values[i], 0)}
		text[i] = fmtNum(values[i], lang, digits) + suffix
	}
	lab, err := plotter.NewLabels(plotter.XYLabels{XYs: xys, Labels: text})
	if err != nil {
		return nil, fmt.Errorf("column labels: %w", err)
	}
	for j := range lab.TextStyle {
		lab.TextStyle[j].Font = font.From(chartFont, 7)
		lab.TextStyle[j].XAlign = draw.XCenter
		lab.TextStyle[j].Color = chartInk
	}
	lab.Offset = vg.Point{Y: vg.Points(1.5)}
	p.Add(lab)
	p.NominalX(labels...)
	p.X.Min, p.X.Max = -0.5, float64(len(labels))-0.5
	top := 0.0
	for _, v := range values {
		top = math.Max(top, v)
	}
	p.Y.Min, p.Y.Max = math.Min(0, p.Y.Min), math.Max(1, top*1.15)
	p.Y.Tick.Marker = numTicks(lang, suffix, digits == 0)
	return p, nil
}

// panel is a plot and its share of the picture's width.
type panel struct {
	p     *plot.Plot
	share float64
}

// drawPNG draws panels side by side into one print-resolution PNG widthMM
// wide and chartHeightMM tall.
func drawPNG(panels []panel, widthMM float64) ([]byte, error) {
	w, h := vg.Millimeter*vg.Length(widthMM), vg.Millimeter*chartHeightMM
	c := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(chartDPI), vgimg.UseBackgroundColor(color.White))
	dc := draw.New(c)
	total := 0.0
	for _, pn := range panels {
		total += pn.share
	}
	x := dc.Min.X
	for _, pn := range panels {
		pw := vg.Length(float64(dc.Max.X-dc.Min.X) * pn.share / total)
		sub := draw.Canvas{Canvas: dc.Canvas, Rectangle: vg.Rectangle{Min: vg.Point{X: x + vg.Points(3), Y: dc.Min.Y}, Max: vg.Point{X: x + pw - vg.Points(3), Y: dc.Max.Y}}}
		pn.p.Draw(sub)
		x += pw
	}
	img, ok := c.Image().(*image.RGBA)
	if !ok {
		return nil, fmt.Errorf("chart canvas is %T, not RGBA", c.Image())
	}
	return pdf.EncodePNG(img)
}

// usageChart draws the deck's three usage charts: activity counts (logins,
// key-feature uses), adoption (average weekly active users) and seat
// utilisation in %, previous quarter beside this one; counts and the
// percentage never share an axis.
func usageChart(r Report) ([]byte, error) {
	l := r.Language
	col := brandColor(r.Brand.Color)
	pick := func(keys ...string) ([]string, []series) {
		prev := series{name: dw(l, "previous") + " (" + r.PreviousQuarter + ")", color: tint(col, 0.55)}
		cur := series{name: dw(l, "current") + " (" + r.Quarter + ")", color: col}
		var labels []string
		for _, k := range keys {
			for _, u := range r.Computed.Usage {
				if u.Key == k {
					labels = append(labels, dw(l, k))
					prev.values = append(prev.values, u.Previous)
					cur.values = append(cur.values, u.This)
				}
			}
		}
		return labels, []series{prev, cur}
	}
	var panels []panel
	add := func(title, suffix string, share float64, keys ...string) error {
		labels, ss := pick(keys...)
		if len(labels) == 0 {
			return nil
		}
		var p *plot.Plot
		var err error
		if len(labels) == 1 { // one measure: the two quarters are the columns
			p, err = columnPlot(title, []string{r.PreviousQuarter, r.Quarter}, []float64{ss[0].values[0], ss[1].values[0]}, []color.RGBA{ss[0].color, ss[1].color}, l, suffix, 1)
		} else {
			p, err = barPlot(title, labels, ss, l, suffix)
		}
		if err != nil {
			return err
		}
		if suffix == "%" {
			p.Y.Min, p.Y.Max = 0, 110
			p.Y.Tick.Marker = plot.TickerFunc(func(float64, float64) []plot.Tick {
				var t []plot.Tick
				for v := 0.0; v <= 100; v += 25 {
					t = append(t, plot.Tick{Value: v, Label: fmtNum(v, l, 0) + "%"})
				}
				return t
			})
		}
		panels = append(panels, panel{p, share})
		return nil
	}
	if err := add(dw(l, "activity"), "", 5.6, "logins", "key_feature_uses"); err != nil {
		return nil, err
	}
	if err := add(dw(l, "adoption"), "", 3.25, "avg_active_users"); err != nil {
		return nil, err
	}
	if err := add(dw(l, "seat_utilisation_pct"), "%", 3.25, "seat_utilisation_pct"); err != nil {
		return nil, err
	}
	if len(panels) == 0 {
		return nil, nil
	}
	return drawPNG(panels, pdf.Width)
}

// healthChart draws the weekly health score across the quarter on a 0–100
// axis, each point labelled with its score.
func healthChart(r Report) ([]byte, error) {
	pts := r.Computed.Health
	if len(pts) == 0 {
		return nil, nil
	}
	l := r.Language
	p := newPlot(dw(l, "healthScore"))
	xys := make(plotter.XYs, len(pts))
	labels := make([]string, len(pts))
	ticks := make([]plot.Tick, len(pts))
	every := (len(pts) + 6) / 7 // at most seven dates under the axis
	for i, h := range pts {
		xys[i] = plotter.XY{X: float64(i), Y: h.Score}
		labels[i] = fmtNum(h.Score, l, 1)
		ticks[i] = plot.Tick{Value: float64(i)}
		if i%every == 0 || i == len(pts)-1 {
			ticks[i].Label = texts.DayMonth(l, h.Week.Time)
		}
	}
	line, points, err := plotter.NewLinePoints(xys)
	if err != nil {
		return nil, fmt.Errorf("health chart: %w", err)
	}
	col := brandColor(r.Brand.Color)
	line.Color, line.Width = col, vg.Points(1.5)
	points.Color, points.Shape, points.Radius = col, draw.CircleGlyph{}, vg.Points(2)
	lab, err := plotter.NewLabels(plotter.XYLabels{XYs: xys, Labels: labels})
	if err != nil {
		return nil, fmt.Errorf("health labels: %w", err)
	}
	for j := range lab.TextStyle {
		lab.TextStyle[j].Font = font.From(chartFont, 6)
		lab.TextStyle[j].XAlign = draw.XCenter
	}
	lab.Offset = vg.Point{Y: vg.Points(4)}
	p.Add(line, points, lab)
	p.X.Min, p.X.Max = -0.5, float64(len(pts))-0.5
	p.X.Tick.Marker = plot.ConstantTicks(ticks)
	p.Y.Min, p.Y.Max = 0, 100
	p.Y.Tick.Marker = plot.TickerFunc(func(float64, float64) []plot.Tick {
		var t []plot.Tick
		for v := 0.0; v <= 100; v += 20 {
			t = append(t, plot.Tick{Value: v, Label: fmtNum(v, l, 0)})
		}
		return t
	})
	return drawPNG([]panel{{p, 1}}, pdf.Width)
}

// npsChart draws promoters, passives and detractors as three bars.
func npsChart(r Report) ([]byte, error) {
	n := r.Computed.NPS
	if n.Responses == 0 {
		return nil, nil
	}
	l := r.Language
	labels := []string{dw(l, "promoters"), dw(l, "passives"), dw(l, "detractors")}
	values := []float64{float64(n.Promoters), float64(n.Passives), float64(n.Detractors)}
	p, err := columnPlot("NPS "+signedNum(n.NPS), labels, values, []color.RGBA{chartGreen, chartGrey, chartRed}, l, "", 0)
	if err != nil {
		return nil, err
	}
	return drawPNG([]panel{{p, 1}}, 80)
}

// experimentChart draws each experiment KPI's change in the target and in
// the control group side by side.
func experimentChart(r Report) ([]byte, error) {
	res := r.Value.Experiment
	if len(res) == 0 {
		return nil, nil
	}
	l := r.Language
	labels := make([]string, len(res))
	target := series{name: dw(l, "targetChange"), color: brandColor(r.Brand.Color)}
	control := series{name: dw(l, "controlChange"), color: chartGrey}
	for i, k := range res {
		labels[i] = k.Name
		target.values = append(target.values, k.TargetChange)
		control.values = append(control.values, k.ControlChange)
	}
	p, err := barPlot(dw(l, "uplift"), labels, []series{target, control}, l, "")
	if err != nil {
		return nil, err
	}
	return drawPNG([]panel{{p, 1}}, pdf.Width)
}
