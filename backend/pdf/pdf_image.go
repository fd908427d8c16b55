package pdf

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
)

// EncodePNG writes an opaque picture (a chart on white) as an 8-bit RGB
// PNG quickly: every row unfiltered and the fastest deflate. Charts are
// mostly runs of one colour, which deflate shrinks well without PNG's
// per-row filter search, and the document embeds the compressed rows as
// they are; this is several times faster than image/png for a
// print-resolution chart. Alpha is dropped.
func EncodePNG(img *image.RGBA) ([]byte, error) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(kind string, data []byte) {
		var n [4]byte
		binary.BigEndian.PutUint32(n[:], uint32(len(data)))
		out.Write(n[:])
		crc := crc32.NewIEEE()
		crc.Write([]byte(kind))
		crc.Write(data)
		out.WriteString(kind)
		out.Write(data)
		binary.BigEndian.PutUint32(n[:], crc.Sum32())
		out.Write(n[:])
	}
	hdr := make([]byte, 13)
	binary.BigEndian.PutUint32(hdr[0:], uint32(w))
	binary.BigEndian.PutUint32(hdr[4:], uint32(h))
	hdr[8], hdr[9] = 8, 2 // 8 bits, truecolour; compression, filter and interlace 0
	chunk("IHDR", hdr)
	var idat bytes.Buffer
	zw, err := zlib.NewWriterLevel(&idat, zlib.BestSpeed)
	if err != nil {
		return nil, fmt.Errorf("encode PNG: %w", err)
	}
	row := make([]byte, 1+3*w) // filter byte 0 (none), then RGB
	for y := b.Min.Y; y < b.Max.Y; y++ {
		src := img.Pix[img.PixOffset(b.Min.X, y):]
		for x := 0; x < w; x++ {
			copy(row[1+3*x:4+3*x], src[4*x:4*x+3])
		}
		if _, err := zw.Write(row); err != nil {
			return nil, fmt.Errorf("encode PNG: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("encode PNG: %w", err)
	}
	chunk("IDAT", idat.Bytes())
	chunk("IEND", nil)
	return out.Bytes(), nil
}
