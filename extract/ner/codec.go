package ner

import (
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

const magic = "GPNER\x02"

// Header flags.
const (
	flagLexicon  = 1 << iota // trained with lexicon features
	flagDocument             // has the second-pass (document) weight table
	flagNames                // has the given-name table
)

// Save writes the model. The bytes depend only on the model (and the Go
// version's compress/flate), so equal models give equal files.
//
// Layout: magic, hash bits, word class bits, phrase memory bits, class
// count, flags, the two tables' scales (float32 LE), body length (uint32
// LE), then a DEFLATE stream of the body: the word class table (uint16 LE),
// the phrase memory, the given-name table when present, then per weight
// table (the first pass, and the second when present) the row count, the row
// buckets as ascending deltas (uvarint), and the rows' int16 weights as
// zig-zag varints.
func (m *Model) Save(w io.Writer) error {
	var flags byte
	if m.lexFeat {
		flags |= flagLexicon
	}
	if m.docFeat {
		flags |= flagDocument
	}
	if len(m.names) > 0 {
		flags |= flagNames
	}
	hdr := []byte(magic)
	hdr = append(hdr, m.bits, m.vbits, m.mbits, nClasses, flags)
	hdr = binary.LittleEndian.AppendUint32(hdr, math.Float32bits(m.w.scale))
	hdr = binary.LittleEndian.AppendUint32(hdr, math.Float32bits(m.dw.scale))
	var body []byte
	for _, v := range m.vocab {
		body = binary.LittleEndian.AppendUint16(body, v)
	}
	body = append(body, m.mem...)
	body = append(body, m.names...)
	body = m.w.appendTo(body)
	if m.docFeat {
		body = m.dw.appendTo(body)
	}
	hdr = binary.LittleEndian.AppendUint32(hdr, uint32(len(body)))
	if _, err := w.Write(hdr); err != nil {
		return err
	}
	fw, err := flate.NewWriter(w, flate.BestCompression)
	if err != nil {
		return err
	}
	if _, err := fw.Write(body); err != nil {
		return err
	}
	return fw.Close()
}

func (wt *weights) appendTo(body []byte) []byte {
	body = binary.AppendUvarint(body, uint64(len(wt.rows)))
	prev := -1
	for b, r := range wt.index {
		if r == 0 {
			continue
		}
		body = binary.AppendUvarint(body, uint64(b-prev))
		prev = b
	}
	for _, r := range wt.index {
		if r == 0 {
			continue
		}
		for _, v := range wt.rows[r-1] {
			body = binary.AppendVarint(body, int64(v))
		}
	}
	return body
}

var errCorrupt = errors.New("ner: corrupt model")

// Load reads a model written by Save.
func Load(r io.Reader) (*Model, error) {
	hdr := make([]byte, len(magic)+17)
	if _, err := io.ReadFull(r, hdr); err != nil {
		return nil, fmt.Errorf("ner: reading model header: %w", err)
	}
	if string(hdr[:len(magic)]) != magic {
		return nil, errors.New("ner: not a model file (bad magic or old version)")
	}
	h := hdr[len(magic):]
	flags := h[4]
	m := &Model{lexFeat: flags&flagLexicon != 0, docFeat: flags&flagDocument != 0}
	m.tables = tables{bits: h[0], vbits: h[1], mbits: h[2]}
	if h[3] != nClasses || m.bits < 8 || m.bits > 26 || m.vbits > 26 || m.mbits > 26 {
		return nil, errCorrupt
	}
	m.w.scale = math.Float32frombits(binary.LittleEndian.Uint32(h[5:9]))
	m.dw.scale = math.Float32frombits(binary.LittleEndian.Uint32(h[9:13]))
	size := binary.LittleEndian.Uint32(h[13:17])
	if size > 1<<30 {
		return nil, errCorrupt
	}
	body := make([]byte, size)
	fr := flate.NewReader(r)
	if _, err := io.ReadFull(fr, body); err != nil {
		return nil, fmt.Errorf("ner: reading model: %w", err)
	}
	if n, _ := fr.Read(make([]byte, 1)); n != 0 {
		return nil, errCorrupt
	}
	nv := 1 << m.vbits
	if len(body) < 2*nv {
		return nil, errCorrupt
	}
	m.vocab = make([]uint16, nv)
	for i := range m.vocab {
		m.vocab[i] = binary.LittleEndian.Uint16(body[2*i:])
	}
	body = body[2*nv:]
	if m.mbits > 0 {
		nm := 1 << m.mbits
		if len(body) < nm {
			return nil, errCorrupt
		}
		m.mem = append([]uint8(nil), body[:nm]...)
		body = body[nm:]
	}
	if flags&flagNames != 0 {
		if len(body) < nv {
			return nil, errCorrupt
		}
		m.names = append([]uint8(nil), body[:nv]...)
		body = body[nv:]
	}
	var err error
	if body, err = m.w.read(body, m.bits); err != nil {
		return nil, err
	}
	if m.docFeat {
		if body, err = m.dw.read(body, m.bits); err != nil {
			return nil, err
		}
	}
	if len(body) != 0 {
		return nil, errCorrupt
	}
	m.init()
	return m, nil
}

func (wt *weights) read(body []byte, bits uint8) ([]byte, error) {
	nrows, k := binary.Uvarint(body)
	if k <= 0 || nrows > 1<<bits {
		return nil, errCorrupt
	}
	body = body[k:]
	wt.index = make([]int32, 1<<bits)
	b := -1
	for i := 0; i < int(nrows); i++ {
		d, k := binary.Uvarint(body)
		if k <= 0 || d == 0 {
			return nil, errCorrupt
		}
		body = body[k:]
		b += int(d)
		if b >= len(wt.index) {
			return nil, errCorrupt
		}
		wt.index[b] = int32(i + 1)
	}
	wt.rows = make([][nClasses]int16, nrows)
	for i := range wt.rows {
		row := &wt.rows[i]
		for c := range row {
			v, k := binary.Varint(body)
			if k <= 0 || v < math.MinInt16 || v > math.MaxInt16 {
				return nil, errCorrupt
			}
			body = body[k:]
			row[c] = int16(v)
		}
	}
	return body, nil
}
