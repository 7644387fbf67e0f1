package ner

import (
	"bytes"
	_ "embed"
	"sync"
)

// Span is an entity: token indexes [Start, End) within the sentence.
type Span struct {
	Start, End int
	Label      string
}

// Example is one training or evaluation sentence.
type Example struct {
	Tokens []string
	Spans  []Span
}

// Lexicon supplies optional gazetteer features. PlaceSize gets a name
// normalised as the tokens lower-cased and joined by single spaces
// ("new york"); it returns 0 for an unknown name and 1..k, the population
// bucket of the largest place of that name, otherwise (values above 255 are
// clipped). It must be safe for concurrent use.
type Lexicon interface {
	PlaceSize(normalizedName string) int
}

// Entity labels, in class order.
const (
	Person       = "PERSON"
	Location     = "LOCATION"
	Organization = "ORGANIZATION"
	Misc         = "MISC"
)

// Labels lists the entity labels the model predicts.
var Labels = []string{Person, Location, Organization, Misc}

// Classes: 0 = O, then for entity type t: 1+4t = B, 2+4t = I, 3+4t = L,
// 4+4t = U (BILOU).
const (
	nTypes   = 4
	nClasses = 1 + 4*nTypes
	labelBOS = nClasses // history label before the sentence start
)

const (
	posB = iota
	posI
	posL
	posU
)

func classOf(typ, pos int) int8 { return int8(1 + 4*typ + pos) }
func typeOf(c int8) int         { return (int(c) - 1) / 4 }
func posOf(c int8) int          { return (int(c) - 1) % 4 }

func typeIndex(label string) int {
	for i, l := range Labels {
		if l == label {
			return i
		}
	}
	return -1
}

// allowed reports whether class c may follow class prev (labelBOS at the
// start); last is true for the final token of the sentence.
func allowed(prev, c int8, last bool) bool {
	open := prev != labelBOS && prev != 0 && (posOf(prev) == posB || posOf(prev) == posI)
	if c == 0 {
		return !open
	}
	p := posOf(c)
	if last && (p == posB || p == posI) {
		return false
	}
	if open {
		return typeOf(c) == typeOf(prev) && (p == posI || p == posL)
	}
	return p == posB || p == posU
}

// encode turns spans into BILOU classes (spans must not overlap; ones with an
// unknown label or out of range are ignored).
func encode(n int, spans []Span, dst []int8) []int8 {
	dst = dst[:0]
	for i := 0; i < n; i++ {
		dst = append(dst, 0)
	}
	for _, sp := range spans {
		t := typeIndex(sp.Label)
		if t < 0 || sp.Start < 0 || sp.End > n || sp.Start >= sp.End {
			continue
		}
		if sp.End-sp.Start == 1 {
			dst[sp.Start] = classOf(t, posU)
			continue
		}
		dst[sp.Start] = classOf(t, posB)
		for i := sp.Start + 1; i < sp.End-1; i++ {
			dst[i] = classOf(t, posI)
		}
		dst[sp.End-1] = classOf(t, posL)
	}
	return dst
}

// decode turns BILOU classes into spans, closing any unterminated entity.
func decode(classes []int8) []Span {
	var out []Span
	start := -1
	for i, c := range classes {
		if c == 0 {
			start = -1
			continue
		}
		t, p := typeOf(c), posOf(c)
		switch p {
		case posU:
			out = append(out, Span{i, i + 1, Labels[t]})
			start = -1
		case posB:
			start = i
		case posI, posL:
			if start < 0 || typeOf(classes[start]) != t {
				start = i
			}
			if p == posL || i == len(classes)-1 {
				out = append(out, Span{start, i + 1, Labels[t]})
				start = -1
			}
		}
		if p == posB && i == len(classes)-1 {
			out = append(out, Span{i, i + 1, Labels[t]})
		}
	}
	return out
}

// weights is one quantised weight table: row index+1 per feature bucket (0:
// no weights) and the rows of per-class int16 weights.
type weights struct {
	scale float32 // quantised weight = round(weight*scale)
	index []int32
	rows  [][nClasses]int16
}

// Model is a trained tagger. It is read-only once loaded and safe for
// concurrent use.
type Model struct {
	tables
	lexFeat bool         // trained with lexicon features
	docFeat bool         // has a second-pass table with document features
	w       weights      // first pass: sentence features only
	dw      weights      // second pass (TagDocument): sentence and document features
	pair    *pairWeights // w and dw side by side (built on load)
	lex     Lexicon      // attached lexicon, may be nil
	pool    *sync.Pool
	dpool   *sync.Pool
}

func (m *Model) init() {
	m.pool = &sync.Pool{New: func() any { return new(scratch) }}
	m.dpool = &sync.Pool{New: func() any { return new(docScratch) }}
	m.pair = nil
	if m.docFeat && m.w.index != nil && m.dw.index != nil {
		m.pair = pairUp(&m.w, &m.dw)
	}
}

// pairWeights holds, per feature bucket, the first- and second-pass rows
// side by side, so that TagDocument's first pass scores the sentence
// features under both with one lookup.
type pairWeights struct {
	index []int32
	rows  [][2 * nClasses]int16
}

func pairUp(a, b *weights) *pairWeights {
	p := &pairWeights{index: make([]int32, len(a.index))}
	for k := range a.index {
		ra, rb := a.index[k], b.index[k]
		if ra == 0 && rb == 0 {
			continue
		}
		var row [2 * nClasses]int16
		if ra != 0 {
			copy(row[:nClasses], a.rows[ra-1][:])
		}
		if rb != 0 {
			copy(row[nClasses:], b.rows[rb-1][:])
		}
		p.rows = append(p.rows, row)
		p.index[k] = int32(len(p.rows))
	}
	return p
}

// decodeFirst is weights.decode for the first pass of TagDocument (wt is the
// first-pass table): it also appends each token's sentence-feature scores
// under the second-pass weights to cache.
func (p *pairWeights) decodeFirst(dst []int8, cache [][nClasses]int32, wt *weights, feats []uint32, off []int32, lower, short []uint64, bits uint8) ([]int8, [][nClasses]int32) {
	var dyn [numDynamic]uint32
	p1, p2 := int8(labelBOS), int8(labelBOS)
	n := len(lower)
	for i := 0; i < n; i++ {
		var sc, sc2 [nClasses]int32
		for _, b := range feats[off[i]:off[i+1]] {
			r := p.index[b]
			if r == 0 {
				continue
			}
			w := &p.rows[r-1]
			for c := range sc {
				sc[c] += int32(w[c])
				sc2[c] += int32(w[nClasses+c])
			}
		}
		cache = append(cache, sc2)
		lm1 := hashBOS
		if i > 0 {
			lm1 = lower[i-1]
		}
		dynFeats(&dyn, lower[i], lm1, short[i], p1, p2, bits)
		for _, b := range dyn {
			wt.addRow(&sc, b)
		}
		best := bestClass(&sc, p1, i == n-1)
		dst = append(dst, best)
		p2, p1 = p1, best
	}
	return dst, cache
}

// decodeSecond is the second pass: the cached sentence-feature scores plus
// the document and label-history features under wt.
func (wt *weights) decodeSecond(dst []int8, cache [][nClasses]int32, dfeats []uint32, doff []int32, lower, short []uint64, bits uint8) []int8 {
	var dyn [numDynamic]uint32
	p1, p2 := int8(labelBOS), int8(labelBOS)
	n := len(lower)
	for i := 0; i < n; i++ {
		sc := cache[i]
		for _, b := range dfeats[doff[i]:doff[i+1]] {
			wt.addRow(&sc, b)
		}
		lm1 := hashBOS
		if i > 0 {
			lm1 = lower[i-1]
		}
		dynFeats(&dyn, lower[i], lm1, short[i], p1, p2, bits)
		for _, b := range dyn {
			wt.addRow(&sc, b)
		}
		best := bestClass(&sc, p1, i == n-1)
		dst = append(dst, best)
		p2, p1 = p1, best
	}
	return dst
}

// WithLexicon returns a copy of m that computes lexicon features with lx
// (nil: none). It only matters for a model trained with a Lexicon.
func (m *Model) WithLexicon(lx Lexicon) *Model {
	c := *m
	c.lex = lx
	return &c
}

// UsesLexicon reports whether the model was trained with lexicon features.
func (m *Model) UsesLexicon() bool { return m.lexFeat }

//go:embed model/conll.ner
var defaultModel []byte

// Default decodes the model shipped with the package, trained on the
// CoNLL-2003 English training set with the gazetteer lexicon of package
// extract (attach it with WithLexicon; without it the model still tags,
// less well). Every call decodes a fresh copy; callers should keep the
// result.
func Default() (*Model, error) {
	return Load(bytes.NewReader(defaultModel))
}

// Tag labels one sentence's tokens and returns its entity spans, in order.
// It sees the sentence alone; TagDocument, given the whole document, is
// more accurate.
func (m *Model) Tag(tokens []string) []Span {
	if len(tokens) == 0 {
		return nil
	}
	s := m.pool.Get().(*scratch)
	defer m.pool.Put(s)
	var lex Lexicon
	if m.lexFeat {
		lex = m.lex
	}
	s.extract(tokens, &m.tables, lex)
	s.labels = m.w.decode(s.labels[:0], s.feats, s.off, nil, nil, s.lowerOf(), s.shortOf(), m.bits)
	return decode(s.labels)
}

// decode appends the greedy left-to-right classes of one sentence of n =
// len(off)-1 tokens: token i's static features are feats[off[i]:off[i+1]]
// and, when doff is not nil, its document features dfeats[doff[i]:doff[i+1]];
// lower and short are the tokens' component hashes for the label-history
// features.
func (wt *weights) decode(dst []int8, feats []uint32, off []int32, dfeats []uint32, doff []int32, lower, short []uint64, bits uint8) []int8 {
	var dyn [numDynamic]uint32
	p1, p2 := int8(labelBOS), int8(labelBOS)
	n := len(lower)
	for i := 0; i < n; i++ {
		var sc [nClasses]int32
		for _, b := range feats[off[i]:off[i+1]] {
			wt.addRow(&sc, b)
		}
		if doff != nil {
			for _, b := range dfeats[doff[i]:doff[i+1]] {
				wt.addRow(&sc, b)
			}
		}
		lm1 := hashBOS
		if i > 0 {
			lm1 = lower[i-1]
		}
		dynFeats(&dyn, lower[i], lm1, short[i], p1, p2, bits)
		for _, b := range dyn {
			wt.addRow(&sc, b)
		}
		best := bestClass(&sc, p1, i == n-1)
		dst = append(dst, best)
		p2, p1 = p1, best
	}
	return dst
}

func (wt *weights) addRow(sc *[nClasses]int32, b uint32) {
	r := wt.index[b]
	if r == 0 {
		return
	}
	w := &wt.rows[r-1]
	for c := range sc {
		sc[c] += int32(w[c])
	}
}

// bestClass returns the highest scoring class allowed after prev (ties: the
// lowest class).
func bestClass[T int32 | int64 | float64](sc *[nClasses]T, prev int8, last bool) int8 {
	best := int8(-1)
	for c := int8(0); c < nClasses; c++ {
		if !allowed(prev, c, last) {
			continue
		}
		if best < 0 || sc[c] > sc[best] {
			best = c
		}
	}
	return best
}
