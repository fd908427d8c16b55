// Package pdf builds simple, readable A4 documents (headings, paragraphs,
// key–value blocks, tables) with an embedded DejaVu Sans font, so Polish,
// Russian and every other European alphabet render correctly.
package pdf

import (
	_ "embed"
	"fmt"

	"github.com/johnfercher/maroto/v2"
	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/image"
	"github.com/johnfercher/maroto/v2/pkg/components/line"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/config"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/extension"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"
	"github.com/johnfercher/maroto/v2/pkg/repository"
)

//go:embed fonts/DejaVuSans.ttf
var regular []byte

//go:embed fonts/DejaVuSans-Bold.ttf
var bold []byte

// Fonts returns the embedded DejaVu Sans regular and bold TTF files, for
// pictures drawn into a document (charts) to use the document's font.
func Fonts() (regularTTF, boldTTF []byte) { return regular, bold }

// Width is the usable width of a page in millimetres (A4 less margins).
const Width = 210 - 18 - 18

// family is the embedded font's name inside documents.
const family = "dejavu"

var (
	ink    = &props.Color{Red: 33, Green: 37, Blue: 41}
	muted  = &props.Color{Red: 110, Green: 117, Blue: 125}
	accent = &props.Color{Red: 12, Green: 122, Blue: 118}
	stripe = &props.Color{Red: 243, Green: 246, Blue: 247}
)

// Doc is a document being built.
type Doc struct {
	m core.Maroto
}

// New starts a document whose page footer names title and numbers pages.
func New(title string) (*Doc, error) {
	fonts, err := repository.New().
		AddUTF8FontFromBytes(family, fontstyle.Normal, regular).
		AddUTF8FontFromBytes(family, fontstyle.Bold, bold).
		AddUTF8FontFromBytes(family, fontstyle.Italic, regular).
		AddUTF8FontFromBytes(family, fontstyle.BoldItalic, bold).
		Load()
	if err != nil {
		return nil, fmt.Errorf("load fonts: %w", err)
	}
	cfg := config.NewBuilder().
		WithCustomFonts(fonts).
		WithDefaultFont(&props.Font{Family: family, Size: 10, Color: ink}).
		WithLeftMargin(18).WithRightMargin(18).WithTopMargin(16).
		WithPageNumber(props.PageNumber{Pattern: title + " · {current}/{total}", Place: props.RightBottom, Family: family, Size: 8, Color: muted}).
		WithTitle(title, true).
		Build()
	return &Doc{m: maroto.New(cfg)}, nil
}

// Title adds the document's big title and a subtitle line.
func (d *Doc) Title(title, subtitle string) {
	d.m.AddAutoRow(text.NewCol(12, title, props.Text{Size: 18, Style: fontstyle.Bold, Color: accent, Bottom: 2}))
	if subtitle != "" {
		d.m.AddAutoRow(text.NewCol(12, subtitle, props.Text{Size: 10, Color: muted, Bottom: 3}))
	}
	d.m.AddRow(4, line.NewCol(12, props.Line{Color: accent, Thickness: 0.6, SizePercent: 100}))
}

// Heading adds a section heading.
func (d *Doc) Heading(s string) {
	d.m.AddAutoRow(text.NewCol(12, s, props.Text{Size: 13, Style: fontstyle.Bold, Top: 5, Bottom: 2}))
}

// Paragraph adds wrapped body text.
func (d *Doc) Paragraph(s string) {
	d.m.AddAutoRow(text.NewCol(12, s, props.Text{Size: 10, Bottom: 2, VerticalPadding: 1}))
}

// Note adds small grey text.
func (d *Doc) Note(s string) {
	d.m.AddAutoRow(text.NewCol(12, s, props.Text{Size: 8, Color: muted, Bottom: 2}))
}

// Image adds a PNG picture (a chart) across the page, heightMM tall; the
// picture is scaled to fit, its aspect kept.
func (d *Doc) Image(png []byte, heightMM float64) {
	d.m.AddRows(image.NewFromBytesRow(heightMM, png, extension.Png, props.Rect{Center: true, Percent: 100}))
}

// KeyValues adds label–value lines.
func (d *Doc) KeyValues(pairs [][2]string) {
	for _, p := range pairs {
		d.m.AddAutoRow(
			text.NewCol(4, p[0], props.Text{Size: 9, Color: muted, Top: 1}),
			text.NewCol(8, p[1], props.Text{Size: 10, Top: 1}),
		)
	}
}

// Table adds a table; widths are grid columns out of 12, one per header cell.
func (d *Doc) Table(header []string, widths []int, rows [][]string) {
	cells := make([]core.Col, len(header))
	for i, h := range header {
		cells[i] = text.NewCol(widths[i], h, props.Text{Size: 9, Style: fontstyle.Bold, Color: accent, Top: 1.5, Bottom: 1.5, Left: 1})
	}
	d.m.AddAutoRow(cells...)
	for n, values := range rows {
		cols := make([]core.Col, len(values))
		for i, v := range values {
			cols[i] = col.New(widths[i]).Add(text.New(v, props.Text{Size: 9, Top: 1.5, Bottom: 1.5, Left: 1, Right: 1, Align: align.Left}))
		}
		r := d.m.AddAutoRow(cols...)
		if n%2 == 0 {
			r.WithStyle(&props.Cell{BackgroundColor: stripe})
		}
	}
}

// Bytes renders the document.
func (d *Doc) Bytes() ([]byte, error) {
	doc, err := d.m.Generate()
	if err != nil {
		return nil, fmt.Errorf("render PDF: %w", err)
	}
	return doc.GetBytes(), nil
}
