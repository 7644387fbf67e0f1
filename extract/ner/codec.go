package ner

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"unsafe"
)

// magic identifies the model format; its last byte is the format version.
// Version 3 stores the scoring rows as tagging reads them (see Save).
// Load accepts this version only: retrain or convert older files.
const magic = "GPNER\x03"

// Header flags.
const (
	flagLexicon  = 1 << iota // trained with lexicon features
	flagDocument             // has the second-pass (document) weight table
	flagNames                // has the given-name table
)

// hdrSize is the size of the fixed header. The weight tables follow it, so
// that they start 64-byte aligned whenever the file's bytes do (a large heap
// allocation or the embedded model): one relRow then never straddles two
// cache lines.
const hdrSize = 64

// Save writes the model. The bytes depend only on the model, so equal models
// give equal files.
//
// Layout, integers little endian: a header of hdrSize bytes (magic, hash
// bits, word class bits, phrase memory bits, class count, flags, a zero
// byte, the two tables' scales as float32, the length of the sparse
// section as uint32, zeros); the first-pass scoring rows (2^bits relRows of
// four uint64, exactly as weights.rel holds them in memory), then the
// second-pass rows when the model has them; then the sparse section: the
// non-zero entries of the word class table, the phrase memory and the
// given-name table, each as an entry count and, per entry, the index as an
// ascending delta and the value, all uvarints.
//
// Storing the rows uncompressed makes the file large (4 MiB per table at the
// default 2^17 buckets) but lets Load use them where they lie, without
// decoding: the default model is ready in well under a millisecond instead
// of the ~50 ms that inflating and rebuilding the rows took.
func (m *Model) Save(w io.Writer) error {
	if m.bits > maxRelBits {
		return fmt.Errorf("ner: cannot save a model of %d hash bits (at most %d)", m.bits, maxRelBits)
	}
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
	var sparse []byte
	sparse = appendSparse(sparse, len(m.vocab), func(i int) uint64 { return uint64(m.vocab[i]) })
	if m.mbits > 0 {
		sparse = appendSparse(sparse, len(m.mem), func(i int) uint64 { return uint64(m.mem[i]) })
	}
	if len(m.names) > 0 {
		sparse = appendSparse(sparse, len(m.names), func(i int) uint64 { return uint64(m.names[i]) })
	}
	hdr := make([]byte, 0, hdrSize)
	hdr = append(hdr, magic...)
	hdr = append(hdr, m.bits, m.vbits, m.mbits, nClasses, flags, 0)
	hdr = binary.LittleEndian.AppendUint32(hdr, math.Float32bits(m.w.scale))
	hdr = binary.LittleEndian.AppendUint32(hdr, math.Float32bits(m.dw.scale))
	hdr = binary.LittleEndian.AppendUint32(hdr, uint32(len(sparse)))
	hdr = hdr[:hdrSize]
	if _, err := w.Write(hdr); err != nil {
		return err
	}
	tabs := []*weights{&m.w}
	if m.docFeat {
		tabs = append(tabs, &m.dw)
	}
	for _, wt := range tabs {
		rel := wt.rel
		if rel == nil {
			// A table that tags from its exact rows (a model trained
			// without the second pass): the file holds its scoring rows.
			c := weights{index: wt.index, rows: wt.rows}
			c.relativize()
			rel = c.rel
		}
		if len(rel) != 1<<m.bits {
			return errors.New("ner: saving a model with no weight table")
		}
		buf := make([]byte, 0, 64<<10)
		for i := range rel {
			for _, x := range rel[i] {
				buf = binary.LittleEndian.AppendUint64(buf, x)
			}
			if len(buf) == cap(buf) || i == len(rel)-1 {
				if _, err := w.Write(buf); err != nil {
					return err
				}
				buf = buf[:0]
			}
		}
	}
	_, err := w.Write(sparse)
	return err
}

// appendSparse appends the non-zero entries of a table of n values.
func appendSparse(dst []byte, n int, at func(int) uint64) []byte {
	count := 0
	for i := 0; i < n; i++ {
		if at(i) != 0 {
			count++
		}
	}
	dst = binary.AppendUvarint(dst, uint64(count))
	prev := -1
	for i := 0; i < n; i++ {
		if v := at(i); v != 0 {
			dst = binary.AppendUvarint(dst, uint64(i-prev))
			dst = binary.AppendUvarint(dst, v)
			prev = i
		}
	}
	return dst
}

// readSparse reads a table of n values written by appendSparse, calling set
// for each non-zero entry (rejecting values above maxV), and returns the
// rest of b.
func readSparse(b []byte, n int, maxV uint64, set func(i int, v uint64)) ([]byte, error) {
	count, k := binary.Uvarint(b)
	if k <= 0 || count > uint64(n) {
		return nil, errCorrupt
	}
	b = b[k:]
	i := -1
	for ; count > 0; count-- {
		d, k := binary.Uvarint(b)
		if k <= 0 || d == 0 || d > uint64(n) {
			return nil, errCorrupt
		}
		b = b[k:]
		v, k := binary.Uvarint(b)
		if k <= 0 || v == 0 || v > maxV {
			return nil, errCorrupt
		}
		b = b[k:]
		i += int(d)
		if i >= n {
			return nil, errCorrupt
		}
		set(i, v)
	}
	return b, nil
}

var errCorrupt = errors.New("ner: corrupt model")

// Load reads a model written by Save.
func Load(r io.Reader) (*Model, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("ner: reading model: %w", err)
	}
	return parse(b)
}

// parse decodes a model from b. The model's scoring rows may alias b (see
// relRows), so b must not change afterwards.
func parse(b []byte) (*Model, error) {
	if len(b) < hdrSize {
		return nil, errCorrupt
	}
	if string(b[:len(magic)]) != magic {
		return nil, errors.New("ner: not a model file (bad magic or other format version)")
	}
	h := b[len(magic):hdrSize]
	flags := h[4]
	m := &Model{lexFeat: flags&flagLexicon != 0, docFeat: flags&flagDocument != 0}
	m.tables = tables{bits: h[0], vbits: h[1], mbits: h[2]}
	if h[3] != nClasses || flags&^(flagLexicon|flagDocument|flagNames) != 0 || h[5] != 0 ||
		m.bits < 8 || m.bits > maxRelBits || m.vbits > 26 || m.mbits > 26 {
		return nil, errCorrupt
	}
	m.w.scale = math.Float32frombits(binary.LittleEndian.Uint32(h[6:10]))
	m.dw.scale = math.Float32frombits(binary.LittleEndian.Uint32(h[10:14]))
	sparseLen := uint64(binary.LittleEndian.Uint32(h[14:18]))
	for _, c := range h[18:] {
		if c != 0 {
			return nil, errCorrupt
		}
	}
	ntab := uint64(1)
	if m.docFeat {
		ntab = 2
	}
	tabSize := uint64(1) << m.bits * uint64(unsafe.Sizeof(relRow{}))
	if uint64(len(b)) != hdrSize+ntab*tabSize+sparseLen {
		return nil, errCorrupt
	}
	body := b[hdrSize:]
	m.w.rel = relRows(body[:tabSize])
	body = body[tabSize:]
	if m.docFeat {
		m.dw.rel = relRows(body[:tabSize])
		body = body[tabSize:]
	}
	var err error
	nv := 1 << m.vbits
	m.vocab = make([]uint16, nv)
	if body, err = readSparse(body, nv, math.MaxUint16, func(i int, v uint64) { m.vocab[i] = uint16(v) }); err != nil {
		return nil, err
	}
	if m.mbits > 0 {
		m.mem = make([]uint8, 1<<m.mbits)
		if body, err = readSparse(body, len(m.mem), math.MaxUint8, func(i int, v uint64) { m.mem[i] = uint8(v) }); err != nil {
			return nil, err
		}
	}
	if flags&flagNames != 0 {
		m.names = make([]uint8, nv)
		if body, err = readSparse(body, nv, math.MaxUint8, func(i int, v uint64) { m.names[i] = uint8(v) }); err != nil {
			return nil, err
		}
	}
	if len(body) != 0 {
		return nil, errCorrupt
	}
	m.init()
	return m, nil
}

// relRows returns the scoring rows stored little endian in b
// (len(b) a multiple of 32). On a little-endian machine with b 8-byte
// aligned they are b itself, reinterpreted: no copy, no decoding, and for
// the embedded model no page of it is even read before tagging needs it.
// Otherwise they are decoded into a new slice.
func relRows(b []byte) []relRow {
	n := len(b) / int(unsafe.Sizeof(relRow{}))
	if n == 0 {
		return nil
	}
	if littleEndian() && uintptr(unsafe.Pointer(&b[0]))%unsafe.Alignof(relRow{}) == 0 {
		return unsafe.Slice((*relRow)(unsafe.Pointer(&b[0])), n)
	}
	rel := make([]relRow, n)
	for i := range rel {
		for k := range rel[i] {
			rel[i][k] = binary.LittleEndian.Uint64(b[32*i+8*k:])
		}
	}
	return rel
}

func littleEndian() bool {
	x := uint16(1)
	return *(*byte)(unsafe.Pointer(&x)) == 1
}
