package ner

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"math"
	"math/bits"
	"sync"
	"unsafe"
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
func decode(classes []int8) []Span { return appendSpans(nil, classes) }

// appendSpans appends the spans of classes (as decode) to out.
func appendSpans(out []Span, classes []int8) []Span {
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
//
// For scoring, rel holds the same weights indexed directly by bucket, each
// row less its class-0 (outside) weight: adding a constant to all the
// classes of a row changes no decision nor margin, and it leaves 16 int16
// weights, 32 bytes, so that a row read at random (the cost of tagging)
// touches one cache line, without a lookup in index first. The weights are
// stored offset by 1<<15 as uint16, four to a uint64, so that sum adds a row
// with eight 64-bit additions of 32-bit lanes. Model.init builds rel for a
// trained model; the tables of a model still in training have none, and sum
// reads rows. A loaded model has rel only (the model file stores it as is).
type weights struct {
	scale float32 // quantised weight = round(weight*scale)
	index []int32
	rows  [][nClasses]int16
	rel   []relRow // per bucket: rows[index-1][c+1] - rows[index-1][0]
}

// relRow holds the weights of classes 1..16, weight of class 1+4k+j in
// bits 16j..16j+15 of word k, offset by 1<<15.
type relRow [4]uint64

const (
	relBias = 1 << 15
	lanes   = 0x0000FFFF0000FFFF
	// maxRelBits bounds the table size (32 bytes per bucket: 32 MiB at
	// 2^20 buckets), and so TrainOptions.HashBits.
	maxRelBits = 20
)

// relativize builds wt.rel from wt.index and wt.rows. A difference beyond
// the int16 range (one weight in a million in the shipped model) is clipped.
func (wt *weights) relativize() {
	wt.rel = make([]relRow, len(wt.index))
	var zero relRow
	for k := range zero {
		zero[k] = 0x8000800080008000
	}
	for b, r := range wt.index {
		if r == 0 {
			wt.rel[b] = zero
			continue
		}
		row := &wt.rows[r-1]
		for c := 1; c < nClasses; c++ {
			d := int32(row[c]) - int32(row[0])
			d = max(math.MinInt16, min(math.MaxInt16, d))
			k, j := (c-1)/4, (c-1)%4
			wt.rel[b][k] |= uint64(uint16(d+relBias)) << (16 * j)
		}
	}
}

// sum adds the weights of the buckets bs to sc (under rows when rel is not
// built, as during training, so that training never sees a clipped weight).
func (wt *weights) sum(sc *[nClasses]int32, bs []uint32) {
	if wt.rel == nil {
		wt.sumRows(sc, bs)
		return
	}
	sumRel(sc, wt.rel, bs)
}

// sumRel is sum over the relative rows.
func sumRel(sc *[nClasses]int32, rel []relRow, bs []uint32) {
	// Per word k of the rows: s adds the whole words (16-bit lanes whose
	// carries spill into the next lane), o adds the odd lanes alone,
	// widened to 32 bits. The even lanes' sums are then s - o<<16 (mod
	// 2^64, as s was computed): one operation fewer per word than widening
	// both halves.
	//
	// The rows are read in two loops. The first adds the first word of
	// every row: a load and three operations a row, so that the loads of
	// all the rows, most of them cache misses (the table is 4 MB, the
	// rows random), are in flight together. The second adds the other
	// words, from lines the first has brought in. In one loop of 28
	// instructions a row, the processor's reorder window held the loads
	// of about eight rows at a time, and tagging waited on them in turn
	// (measured with benchstat, ten interleaved runs: BenchmarkTagDocument-
	// Lexicon takes 14% less time with the two loops).
	//
	// The other six sums are arrays, kept on the stack, on purpose: as
	// variables, with the loop's own, they need more registers than
	// amd64 has, and the compiler then spills and reloads the row words
	// on every row; added to memory in place nothing is reloaded.
	var s, o [4]uint64
	s0, o0 := uint64(0), uint64(0)
	for _, b := range bs {
		x0 := rel[b][0]
		s0 += x0
		o0 += x0 >> 16 & lanes
	}
	s[0], o[0] = s0, o0
	for _, b := range bs {
		r := &rel[b]
		x1, x2, x3 := r[1], r[2], r[3]
		s[1] += x1
		s[2] += x2
		s[3] += x3
		o[1] += x1 >> 16 & lanes
		o[2] += x2 >> 16 & lanes
		o[3] += x3 >> 16 & lanes
	}
	// Each 32-bit lane holds len(bs) offset weights: at most 65535 per
	// bucket, so no lane carries into the next below 65536 buckets.
	bias := uint32(len(bs)) * relBias
	for k := range s {
		e := s[k] - o[k]<<16
		c := 1 + 4*k
		sc[c] += int32(uint32(e) - bias)
		sc[c+1] += int32(uint32(o[k]) - bias)
		sc[c+2] += int32(uint32(e>>32) - bias)
		sc[c+3] += int32(uint32(o[k]>>32) - bias)
	}
}

func (wt *weights) sumRows(sc *[nClasses]int32, bs []uint32) {
	for _, b := range bs {
		if r := wt.index[b]; r != 0 {
			w := &wt.rows[r-1]
			for c := range sc {
				sc[c] += int32(w[c])
			}
		}
	}
}

// Model is a trained tagger. It is read-only once loaded and safe for
// concurrent use.
type Model struct {
	tables
	lexFeat bool    // trained with lexicon features
	docFeat bool    // has a second-pass table with document features
	w       weights // first pass: sentence features only
	dw      weights // second pass (TagDocument): sentence and document features
	lex     Lexicon // attached lexicon, may be nil
	// scoreAll makes the first pass of TagDocument score plain words too
	// (see decodeMargin), for tests that measure what skipping them
	// changes.
	scoreAll bool
	pool     *sync.Pool
	dpool    *sync.Pool
}

func (m *Model) init() {
	for _, wt := range []*weights{&m.w, &m.dw} {
		if wt.rel == nil && wt.index != nil {
			wt.relativize()
		}
	}
	m.pool = &sync.Pool{New: func() any { return new(scratch) }}
	m.dpool = &sync.Pool{New: func() any { return new(docScratch) }}
}

// decodeMargin is decode for the first pass of TagDocument (sentence
// features only): it also appends each token's margin, the score of the
// chosen class less that of the best other allowed class.
//
// A plain token (see plainWord) after a token outside an entity is
// labelled outside without being scored, with the largest margin: where
// measured, the model always agreed, by a wide margin, and these are over
// a third of the tokens of news text.
//
// blocks computes the static features of the tokens scored and is told of
// those skipped, in order, so that a skipped token's are never computed
// unless the second pass scores it.
func (wt *weights) decodeMargin(dst []int8, marg []int32, blocks blockSource, plain []bool, lower, short []uint64, bits uint8) ([]int8, []int32) {
	var dyn [numDynamic]uint32
	p1, p2 := int8(labelBOS), int8(labelBOS)
	n := len(lower)
	for i := 0; i < n; i++ {
		if plain[i] && (p1 == 0 || p1 == labelBOS) {
			blocks.skip()
			dst = append(dst, 0)
			marg = append(marg, math.MaxInt32)
			p2, p1 = p1, 0
			continue
		}
		var sc [nClasses]int32
		wt.sum(&sc, blocks.get(i))
		dynFeatsAt(&dyn, lower, short, i, p1, p2, bits)
		wt.sum(&sc, dyn[:])
		best, mg := bestClassMargin(&sc, p1, i == n-1)
		dst = append(dst, best)
		marg = append(marg, mg)
		p2, p1 = p1, best
	}
	return dst, marg
}

// blockSource gives decodeMargin the static features of a sentence's
// tokens: get for a token it scores, skip for one it does not, in order.
type blockSource interface {
	get(i int) []uint32
	skip()
}

// decodeSecond is the second pass over one sentence: the sentence, document
// and label-history features under wt. A token whose first-pass class cls1
// won by a margin of at least minMargin, whose document information agrees
// with it (docAgrees) and whose two previous tokens kept their first-pass
// classes keeps its class without being scored: the second pass practically
// never overturns such a decision, and skipping it spares most of the second
// pass's random weight reads.
//
// The sentence's tokens are those of d from base on, and infos are the
// summaries of all of d's tokens; the document features of a token are
// computed only when it is scored.
func (wt *weights) decodeSecond(dst []int8, cls1 []int8, marg []int32, d *docToks, infos []docInfo, base int, minMargin int32, static docStatic, lower, short []uint64, bits uint8) []int8 {
	var dyn [numDynamic]uint32
	var dbuf [8]uint32
	p1, p2 := int8(labelBOS), int8(labelBOS)
	q1, q2 := int8(labelBOS), int8(labelBOS)
	n := len(lower)
	for i := 0; i < n; i++ {
		var best int8
		if marg[i] >= minMargin && p1 == q1 && p2 == q2 && docAgrees(&infos[base+i], cls1[i]) {
			best = cls1[i]
		} else {
			var sc [nClasses]int32
			wt.sum(&sc, static.get(i))
			wt.sum(&sc, appendDocFeatures(dbuf[:0], d, infos, base+i, bits))
			dynFeatsAt(&dyn, lower, short, i, p1, p2, bits)
			wt.sum(&sc, dyn[:])
			best = bestClass(&sc, p1, i == n-1)
		}
		dst = append(dst, best)
		p2, p1 = p1, best
		q2, q1 = q1, cls1[i]
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

// defaultModel is a string, so that the linker places it in read-only
// data: the model's scoring rows are used in place (see relRows) and must
// never be written.
//
//go:embed model/conll.ner
var defaultModel string

// Default returns the model shipped with the package, trained on the
// CoNLL-2003 English training set with the gazetteer lexicon of package
// extract (attach it with WithLexicon; without it the model still tags,
// less well). Its weight tables are the embedded bytes themselves, read in
// place; every call decodes the small tables afresh (about a millisecond),
// so callers should still keep the result.
func Default() (*Model, error) {
	return parse(unsafe.Slice(unsafe.StringData(defaultModel), len(defaultModel)))
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
		wt.sum(&sc, feats[off[i]:off[i+1]])
		if doff != nil {
			wt.sum(&sc, dfeats[doff[i]:doff[i+1]])
		}
		dynFeatsAt(&dyn, lower, short, i, p1, p2, bits)
		wt.sum(&sc, dyn[:])
		best := bestClass(&sc, p1, i == n-1)
		dst = append(dst, best)
		p2, p1 = p1, best
	}
	return dst
}

// allowedMasks[prev][last] has bit c set when class c may follow class prev
// (labelBOS at the start), last for the final token: allowed, tabulated
// once, so that choosing a class tests a bit rather than decoding BILOU
// positions for each of the 17 classes of every token.
var allowedMasks = func() (t [nClasses + 1][2]uint32) {
	for prev := range t {
		for l := range t[prev] {
			for c := int8(0); c < nClasses; c++ {
				if allowed(int8(prev), c, l == 1) {
					t[prev][l] |= 1 << c
				}
			}
		}
	}
	return t
}()

func allowedMask(prev int8, last bool) uint32 {
	l := 0
	if last {
		l = 1
	}
	return allowedMasks[prev][l]
}

// bestClass returns the highest scoring class allowed after prev (ties: the
// lowest class).
func bestClass[T int32 | int64 | float64](sc *[nClasses]T, prev int8, last bool) int8 {
	best := int8(-1)
	for m := allowedMask(prev, last); m != 0; m &= m - 1 {
		c := int8(bits.TrailingZeros32(m))
		if best < 0 || sc[c] > sc[best] {
			best = c
		}
	}
	return best
}

// bestClassMargin is bestClass that also returns the winning margin over the
// best other allowed class (math.MaxInt32 when there is none).
func bestClassMargin(sc *[nClasses]int32, prev int8, last bool) (int8, int32) {
	best, second := int8(-1), int8(-1)
	for m := allowedMask(prev, last); m != 0; m &= m - 1 {
		c := int8(bits.TrailingZeros32(m))
		switch {
		case best < 0 || sc[c] > sc[best]:
			best, second = c, best
		case second < 0 || sc[c] > sc[second]:
			second = c
		}
	}
	if second < 0 {
		return best, math.MaxInt32
	}
	return best, sc[best] - sc[second]
}

// docAgrees reports whether the document information of a token agrees with
// its first-pass class c: its word occurs nowhere else in the document, or
// all the other occurrences have c's type (or are all outside).
func docAgrees(inf *docInfo, c int8) bool {
	if !inf.ok {
		return true
	}
	t := uint8(0)
	if c > 0 {
		t = uint8(1 + typeOf(c))
	}
	return inf.maj == t && inf.agree == 2
}

// DefaultDigest returns the size and SHA-256 (hex) of the embedded model,
// which identify it (geoparse version prints them).
func DefaultDigest() (size int, sha256Hex string) {
	sum := sha256.Sum256(unsafe.Slice(unsafe.StringData(defaultModel), len(defaultModel)))
	return len(defaultModel), hex.EncodeToString(sum[:])
}
