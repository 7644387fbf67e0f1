package ner

import (
	"encoding/binary"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// scratch holds the per-sentence buffers of feature extraction and decoding,
// reused through a sync.Pool so that tagging does not allocate per token.
type scratch struct {
	info    []tokInfo
	runes   []rune
	buf     []byte
	feats   []uint32 // static feature buckets of all tokens
	off     []int32  // token i's static features are feats[off[i]:off[i+1]]
	lexSize []uint8  // lexicon bucket of the n-gram starting at i of length n+1: lexSize[3*i+n]
	labels  []int8
	mem     []uint8  // phrase memory bits of the n-gram starting at i of length n+1: mem[maxPhrase*i+n]
	cb      uint8    // the sentence's casing bucket
	lowers  []uint64 // per token: info[i].lower
	shorts  []uint64 // per token: info[i].short
	plain   []bool   // per token: plainWord(info[i])
	tcb, lb uint8    // the sentence's title-casing and length buckets
	useLex  bool     // lexicon features are on
}

func (s *scratch) lowerOf() []uint64 { return s.lowers }
func (s *scratch) shortOf() []uint64 { return s.shorts }

// Word class table: for a lower-cased word, frequency class (high nibble)
// and capitalisation class (low nibble), learnt from the training sentences.
const (
	capUnknown = 0 // never seen in running lower/mixed-case text
	capNever   = 1 // < 5 % capitalised
	capRare    = 2 // < 50 %
	capOften   = 3 // < 95 %
	capAlways  = 4
)

func lenBucket(n int) uint64 {
	switch {
	case n <= 3:
		return uint64(n)
	case n <= 6:
		return 4
	case n <= 10:
		return 5
	case n <= 20:
		return 6
	}
	return 7
}

// tokenInfo fills s.info for tokens.
func (s *scratch) tokenInfo(tokens []string, vocab []uint16, vbits uint8) {
	n := len(tokens)
	if cap(s.info) < n {
		s.info = make([]tokInfo, n)
	}
	s.info = s.info[:n]
	s.lowers, s.shorts, s.plain = s.lowers[:0], s.shorts[:0], s.plain[:0]
	for i, tok := range tokens {
		ti := &s.info[i]
		if isASCII(tok) {
			ti.hashASCII(tok)
		} else {
			s.hashToken(ti, tok)
		}
		s.lowers = append(s.lowers, ti.lower)
		s.shorts = append(s.shorts, ti.short)
		ti.flags = tokenFlags(tok)
	}
	// The word classes in a loop of their own: its reads of the table,
	// each likely a cache miss, do not wait on one another, nor on the
	// hashing above, so the processor has many in flight at once.
	for i := range s.info {
		ti := &s.info[i]
		ti.wc = 0
		if len(vocab) > 0 {
			ti.wc = vocab[bucketOf(ti.lower, vbits)]
		}
		s.plain = append(s.plain, plainWord(ti))
	}
}

// plainWord reports whether a token is one the first pass of TagDocument
// labels outside an entity without scoring it when the token before is
// outside one too (see weights.decodeMargin): a word without capitals or
// digits that the training data never had inside an entity (its word
// class's label distribution says so). Measured with the first pass
// scoring them: on the CoNLL development set (51,362 tokens) 30.5% of the
// tokens are plain words after a token outside an entity, on the TR-News,
// GeoVirus, TimeBank and AQUAINT articles (214,746 tokens) 37.7%, and the
// model labels every one of them outside an entity, by a margin of at
// least secondPassMargin (TestPlainWordsSkipChangesNothing checks the
// development set).
func plainWord(ti *tokInfo) bool {
	const marked = flagTitle | flagAllCaps | flagInnerCap | flagDigit
	return ti.flags&marked == 0 && ti.wc>>11 == labDistNever
}

// labDistNever is the label-distribution share bucket (bits 11.. of a word
// class) of a word seen only outside entities.
const labDistNever = 1

// hashToken sets the component hashes of ti (word, lower, shape, short,
// prefixes, suffixes) for any token.
func (s *scratch) hashToken(ti *tokInfo, tok string) {
	s.runes = appendLowerRunes(s.runes[:0], tok)
	lr := s.runes
	ti.word = hashString(fnvOffset, tok)
	ti.lower = hashRunes(fnvOffset, lr)
	s.buf = appendShape(s.buf[:0], tok, 4)
	ti.shape = hashBytes(fnvOffset, s.buf)
	s.buf = appendShape(s.buf[:0], tok, 1)
	ti.short = hashBytes(fnvOffset, s.buf)
	hp, hs := fnvOffset, fnvOffset
	for k := 0; k < 4; k++ {
		if k < len(lr) {
			hp = hashRunes(hp, lr[k:k+1])
			hs = hashRunes(hs, lr[len(lr)-1-k:len(lr)-k])
		}
		ti.pre[k] = hp
		ti.suf[k] = hs
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// fnvPrime3 is fnvPrime cubed (mod 2^64): hashRunes of an ASCII code point
// c is (h^c)*fnvPrime3, its two high bytes being zero.
const fnvPrime3 = uint64(1099511628211 * 1099511628211 * 1099511628211 % (1 << 64))

// asciiShape maps an ASCII byte to its shape class (shapeClass).
var asciiShape = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		t[c] = byte(shapeClass(rune(c)))
	}
	return t
}()

// hashASCII is hashToken for an ASCII token, the common case, in one pass
// over its bytes and without building the lower-case runes or the shapes:
// the lower-case hash's first four states are the prefix hashes, and the
// shapes are hashed as their classes come.
func (ti *tokInfo) hashASCII(tok string) {
	word, lower := fnvOffset, fnvOffset
	shape, short := fnvOffset, fnvOffset
	var last byte
	run := 0
	for i := 0; i < len(tok); i++ {
		c := tok[i]
		word = (word ^ uint64(c)) * fnvPrime
		lc := c
		if 'A' <= c && c <= 'Z' {
			lc += 'a' - 'A'
		}
		lower = (lower ^ uint64(lc)) * fnvPrime3
		if i < 4 {
			ti.pre[i] = lower
		}
		cl := asciiShape[c&(utf8.RuneSelf-1)]
		if i > 0 && cl == last {
			run++
		} else {
			last, run = cl, 1
		}
		if run <= 4 {
			shape = (shape ^ uint64(cl)) * fnvPrime
		}
		if run == 1 {
			short = (short ^ uint64(cl)) * fnvPrime
		}
	}
	for k := len(tok); k < 4; k++ {
		ti.pre[k] = lower
	}
	hs := fnvOffset
	for k := 0; k < 4; k++ {
		if k < len(tok) {
			c := tok[len(tok)-1-k]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			hs = (hs ^ uint64(c)) * fnvPrime3
		}
		ti.suf[k] = hs
	}
	ti.word, ti.lower, ti.shape, ti.short = word, lower, shape, short
}

// normalizeName is the name given to Lexicon.PlaceSize: the tokens lower
// cased and joined by single spaces.
func normalizeName(tokens []string) string {
	return strings.ToLower(strings.Join(tokens, " "))
}

// appendName appends normalizeName(tokens) to dst in one pass (the same
// bytes as strings.ToLower, which maps rune by rune with unicode.ToLower and
// invalid bytes to U+FFFD).
func appendName(dst []byte, tokens []string) []byte {
	for k, t := range tokens {
		if k > 0 {
			dst = append(dst, ' ')
		}
		for _, r := range t {
			switch {
			case r < utf8.RuneSelf:
				if 'A' <= r && r <= 'Z' {
					r += 'a' - 'A'
				}
				dst = append(dst, byte(r))
			default:
				dst = utf8.AppendRune(dst, unicode.ToLower(r))
			}
		}
	}
	return dst
}

// lexicon fills s.lexSize with the PlaceSize of every capitalized 1-, 2-
// and 3-gram.
func (s *scratch) lexicon(tokens []string, lex Lexicon) {
	n := len(tokens)
	if cap(s.lexSize) < 3*n {
		s.lexSize = make([]uint8, 3*n)
	}
	s.lexSize = s.lexSize[:3*n]
	for i := 0; i < n; i++ {
		for k := 0; k < 3; k++ {
			s.lexSize[3*i+k] = 0
			if i+k >= n {
				continue
			}
			// Only capitalized n-grams can be names: skipping the rest saves
			// most of the lookups, which dominate tagging time.
			const capital = flagTitle | flagAllCaps
			if s.info[i].flags&capital == 0 || s.info[i+k].flags&capital == 0 {
				continue
			}
			s.buf = appendName(s.buf[:0], tokens[i:i+k+1])
			v := lex.PlaceSize(string(s.buf))
			if v < 0 {
				v = 0
			}
			if v > 255 {
				v = 255
			}
			s.lexSize[3*i+k] = uint8(v)
		}
	}
}

func (s *scratch) lexAt(start, length int) uint64 {
	if start < 0 || start+length > len(s.info) {
		return 0
	}
	return uint64(s.lexSize[3*start+length-1])
}

// extract computes the static (label-independent) feature buckets of every
// token into s.feats/s.off.
func (s *scratch) extract(tokens []string, tb *tables, lex Lexicon) {
	s.prepare(tokens, tb, lex)
	n := len(tokens)
	s.feats = s.feats[:0]
	if cap(s.off) < n+1 {
		s.off = make([]int32, n+1)
	}
	s.off = s.off[:n+1]
	for i := 0; i < n; i++ {
		s.off[i] = int32(len(s.feats))
		s.feats = s.appendBlock(s.feats, i, tb)
	}
	s.off[n] = int32(len(s.feats))
}

// prepare computes what the static features of a sentence's tokens are
// made of (component hashes, word classes, phrase memory, lexicon, casing)
// for appendBlock.
func (s *scratch) prepare(tokens []string, tb *tables, lex Lexicon) {
	s.tokenInfo(tokens, tb.vocab, tb.vbits)
	if len(tb.names) > 0 {
		for i := range s.info {
			s.info[i].name = tb.names[bucketOf(s.info[i].lower, tb.vbits)]
		}
	}
	s.memory(tb)
	s.useLex = lex != nil
	if s.useLex {
		s.lexicon(tokens, lex)
	}
	n := len(tokens)
	nAlpha, nCaps, nCap := 0, 0, 0
	for i := range s.info {
		f := s.info[i].flags
		if f&flagLetter == 0 {
			continue
		}
		nAlpha++
		if f&flagAllCaps != 0 {
			nCaps++
		}
		if f&(flagAllCaps|flagTitle) != 0 {
			nCap++
		}
	}
	var capsFrac, capFrac float64
	if nAlpha > 0 {
		capsFrac = float64(nCaps) / float64(nAlpha)
		capFrac = float64(nCap) / float64(nAlpha)
	}
	s.cb = uint8(casingBucket(nAlpha, capsFrac))
	s.tcb = uint8(casingBucket(nAlpha, capFrac))
	s.lb = uint8(lenBucket(n))
}

// appendBlock appends the static feature buckets of token i of the
// sentence s has prepared.
func (s *scratch) appendBlock(dst []uint32, i int, tb *tables) []uint32 {
	bits := tb.bits
	n := len(s.info)
	cb, tcb, lb := uint64(s.cb), uint64(s.tcb), uint64(s.lb)
	at := func(j int) *tokInfo {
		if j < 0 {
			return &bosInfo
		}
		if j >= n {
			return &eosInfo
		}
		return &s.info[j]
	}
	// A token's buckets are written in place past the end of dst, which
	// then takes them at once: appended one by one, the slice header was
	// reloaded and stored again for every feature, and an array of the
	// call's own would be cleared at every call.
	dst = slices.Grow(dst, maxTokenFeats)
	fb := dst[len(dst) : len(dst)+maxTokenFeats]
	nf := 0
	add := func(key uint64) { fb[nf] = bucketOf(key, bits); nf++ }
	t := &s.info[i]
	m1, m2, p1, p2 := at(i-1), at(i-2), at(i+1), at(i+2)
	first := uint64(0)
	if i == 0 {
		first = 1
	}
	pos := uint64(i)
	if pos > 4 {
		pos = 4
	}
	pos = pos * 2
	if i == n-1 {
		pos++
	}
	capc := uint64(t.wc & 15)
	add(k1(tBias, 0))
	add(k1(tWord, t.word))
	add(k1(tLower, t.lower))
	add(k1(tShape, t.shape))
	add(k1(tShort, t.short))
	add(k1(tPre1, t.pre[0]))
	add(k1(tPre2, t.pre[1]))
	add(k1(tPre3, t.pre[2]))
	add(k1(tPre4, t.pre[3]))
	add(k1(tSuf1, t.suf[0]))
	add(k1(tSuf2, t.suf[1]))
	add(k1(tSuf3, t.suf[2]))
	add(k1(tSuf4, t.suf[3]))
	add(k1(tFlags, uint64(t.flags)))
	add(k1(tLowerM1, m1.lower))
	add(k1(tLowerM2, m2.lower))
	add(k1(tLowerP1, p1.lower))
	add(k1(tLowerP2, p2.lower))
	add(k1(tShortM1, m1.short))
	add(k1(tShortM2, m2.short))
	add(k1(tShortP1, p1.short))
	add(k1(tShortP2, p2.short))
	add(k2(tLowerM1Lower, m1.lower, t.lower))
	add(k2(tLowerLowerP1, t.lower, p1.lower))
	add(k3(tShortTri, m1.short, t.short, p1.short))
	add(k1(tCase, cb))
	add(k2(tCaseShape, cb, t.shape))
	add(k2(tCaseLower, cb, t.lower))
	add(k2(tCaseFlags, cb, uint64(t.flags)))
	add(k1(tPos, pos))
	add(k2(tFirstLower, first, t.lower))
	add(k2(tFirstShape, first, t.shape))
	add(k1(tFreq, uint64(t.wc>>4&15)))
	add(k2(tLabDist, uint64(t.wc>>8), uint64(t.flags&(flagTitle|flagAllCaps))))
	add(k2(tLabDistM1, uint64(m1.wc>>8), uint64(t.wc>>8)))
	add(k2(tLabDistP1, uint64(t.wc>>8), uint64(p1.wc>>8)))
	add(k1(tCap, capc))
	add(k2(tCapFirst, capc, first))
	add(k3(tCapCase, capc, cb, t.short))
	add(k1(tWordM1, m1.word))
	add(k1(tWordP1, p1.word))
	add(k2(tTitleShape, tcb, t.short))
	add(k2(tLowerM1Short, m1.lower, t.short))
	add(k2(tShortLowerP1, t.short, p1.lower))
	add(k2(tCapM1, uint64(m1.wc&15), t.short))
	add(k2(tCapP1, uint64(p1.wc&15), t.short))
	add(k1(tSuf3M1, m1.suf[2]))
	add(k1(tSuf3P1, p1.suf[2]))
	add(k2(tLen, lb, t.short))
	if len(tb.mem) > 0 {
		s.memFeatures(i, add)
	}
	if len(tb.names) > 0 {
		add(k2(tName, uint64(t.name), uint64(t.flags&(flagTitle|flagAllCaps))))
		add(k2(tNameM1, uint64(m1.name), t.short))
		add(k2(tNameP1, uint64(p1.name), t.short))
	}
	if s.useLex {
		if v := s.lexAt(i, 1); v > 0 {
			add(k1(tLex1, v))
		}
		if v := s.lexAt(i-1, 2); v > 0 {
			add(k1(tLexM1, v))
		}
		if v := s.lexAt(i, 2); v > 0 {
			add(k1(tLexP1, v))
		}
		if v := s.lexAt(i-2, 3); v > 0 {
			add(k1(tLexM2, v))
		}
		if v := s.lexAt(i-1, 3); v > 0 {
			add(k1(tLexC, v))
		}
		if v := s.lexAt(i, 3); v > 0 {
			add(k1(tLexP2, v))
		}
	}
	return dst[:len(dst)+nf]
}

// The pseudo-words before and after a sentence (read only).
var (
	bosInfo = tokInfo{word: hashBOS, lower: hashBOS, shape: hashBOS, short: hashBOS, wc: 0xff}
	eosInfo = tokInfo{word: hashEOS, lower: hashEOS, shape: hashEOS, short: hashEOS, wc: 0xfe}
)

// maxTokenFeats bounds the static features of a token: 49 always, two per
// phrase memory hit (at most maxPhrase*(maxPhrase+1)/2 n-grams cover a
// token), three given-name and six lexicon features.
const maxTokenFeats = 49 + maxPhrase*(maxPhrase+1) + 3 + 6

// numDynamic is the number of label-history features per token.
const numDynamic = 6

// dynFeatsAt is dynFeats for token i of a sentence whose lower-case and
// short-shape hashes are lower and short.
func dynFeatsAt(dst *[numDynamic]uint32, lower, short []uint64, i int, p1, p2 int8, bits uint8) {
	lm1 := hashBOS
	if i > 0 {
		lm1 = lower[i-1]
	}
	dynFeats(dst, lower[i], lm1, short[i], p1, p2, bits)
}

func dynFeats(dst *[numDynamic]uint32, lower, lowerM1, short uint64, p1, p2 int8, bits uint8) {
	a, b := uint64(uint8(p1)), uint64(uint8(p2))
	dst[0] = bucketOf(k1(tP1, a), bits)
	dst[1] = bucketOf(k2(tP1P2, a, b), bits)
	dst[2] = bucketOf(k2(tP1Lower, a, lower), bits)
	dst[3] = bucketOf(k2(tP1Short, a, short), bits)
	dst[4] = bucketOf(k3(tP1P2Short, a, b, short), bits)
	dst[5] = bucketOf(k2(tP1LowerM1, a, lowerM1), bits)
}

// tables are the hashed lookup tables of a model.
type tables struct {
	bits  uint8    // feature table size 2^bits
	vbits uint8    // word class table size 2^vbits
	mbits uint8    // phrase memory size 2^mbits (0: none)
	vocab []uint16 // word class per lower-cased word: label distribution<<8 | frequency<<4 | capitalisation
	mem   []uint8  // phrase memory per lower-cased 1..maxPhrase-gram
	names []uint8  // given-name class per lower-cased word (2^vbits), may be empty
	// probeAll: scratch.memory probes every n-gram, also those holding a
	// word never inside an entity, which can only find fingerprint
	// collisions. Training's tables set it, so that training computes the
	// features it did when the shipped model was trained, and the
	// README's command rebuilds that model byte for byte; tagging skips
	// them (the 2 documents of the corpora where a collision had counted
	// were tagged better without).
	probeAll bool
}

// Phrase memory: the lower-cased entity phrases of the training data. An
// entry is a 4-bit fingerprint of the phrase (high nibble) and a bit per
// entity type t (bit t) the phrase is annotated as in at least
// memMinShare of its occurrences.
const (
	maxPhrase   = 4
	memMinShare = 0.3
)

// memSlot returns the slot and fingerprint of a phrase hash.
func memSlot(h uint64, mbits uint8) (uint32, uint8) {
	h ^= h >> 31
	h *= 0x9E3779B97F4A7C15
	return uint32(h >> (64 - mbits)), uint8(h>>(60-mbits)) & 15
}

// phraseHash hashes the lower-case word hashes of a phrase.
func phraseHash(lowers []uint64) uint64 {
	h := fnvOffset
	for _, l := range lowers {
		h = mix(h, l)
	}
	return h
}

// memory fills s.mem with the phrase memory entries of every n-gram.
func (s *scratch) memory(tb *tables) {
	if len(tb.mem) == 0 {
		return
	}
	n := len(s.info)
	if cap(s.mem) < maxPhrase*n {
		s.mem = make([]uint8, maxPhrase*n)
	}
	s.mem = s.mem[:maxPhrase*n]
	clear(s.mem)
	for i := 0; i < n; i++ {
		h := fnvOffset
		for k := 0; k < maxPhrase && i+k < n; k++ {
			// The remembered phrases are of the training text, as is the
			// word class table: a word that was never inside an entity
			// there (two in five of the words of news) is in none of them,
			// nor is any longer n-gram holding it. Probing for those only
			// cost a cache miss each and found fingerprint collisions.
			// (Training still probes them: see tables.probeAll.)
			if s.info[i+k].wc>>11 == labDistNever && !tb.probeAll {
				break
			}
			h = mix(h, s.info[i+k].lower)
			slot, fp := memSlot(h, tb.mbits)
			if v := tb.mem[slot]; v>>4 == fp {
				s.mem[maxPhrase*i+k] = v & 15
			}
		}
	}
}

// The uint32 test in memFeatures reads the maxPhrase entries of an n-gram
// start at once.
const _ = uint(maxPhrase-4) + uint(4-maxPhrase)

// memFeatures adds the phrase memory features of token i.
func (s *scratch) memFeatures(i int, add func(uint64)) {
	// Most tokens are in no remembered phrase: test the four entries of
	// each n-gram start that may cover i at once (one uint32 load; entries
	// of n-grams that end before i only cost a needless walk below).
	hit := false
	for st := max(0, i-maxPhrase+1); st <= i; st++ {
		if binary.LittleEndian.Uint32(s.mem[maxPhrase*st:]) != 0 {
			hit = true
			break
		}
	}
	if !hit {
		return
	}
	n := len(s.info)
	capd := uint64(0)
	if s.info[i].flags&(flagTitle|flagAllCaps) != 0 {
		capd = 1
	}
	for l := 1; l <= maxPhrase; l++ {
		for st := i - l + 1; st <= i; st++ {
			if st < 0 || st+l > n {
				continue
			}
			v := s.mem[maxPhrase*st+l-1]
			if v == 0 {
				continue
			}
			var pos uint64
			switch {
			case l == 1:
				pos = posU
			case st == i:
				pos = posB
			case st+l-1 == i:
				pos = posL
			default:
				pos = posI
			}
			add(k2(tMem, pos<<4|uint64(v), capd))
			add(k3(tMemLen, pos<<4|uint64(v), uint64(l), capd))
		}
	}
}

// buildMemory learns the phrase memory from sents.
func buildMemory(sents []Example, mbits uint8) []uint8 {
	s := new(scratch)
	ents := map[uint64]*[nTypes + 1]int{} // per type, then occurrences
	var lowers []uint64
	for _, ex := range sents {
		if len(ex.Spans) == 0 {
			continue
		}
		s.tokenInfo(ex.Tokens, nil, 0)
		for _, sp := range ex.Spans {
			t := typeIndex(sp.Label)
			if t < 0 || sp.Start < 0 || sp.End > len(ex.Tokens) || sp.End-sp.Start > maxPhrase || sp.Start >= sp.End {
				continue
			}
			lowers = lowers[:0]
			for i := sp.Start; i < sp.End; i++ {
				lowers = append(lowers, s.info[i].lower)
			}
			h := phraseHash(lowers)
			c := ents[h]
			if c == nil {
				c = new([nTypes + 1]int)
				ents[h] = c
			}
			c[t]++
		}
	}
	for _, ex := range sents {
		s.tokenInfo(ex.Tokens, nil, 0)
		for i := range s.info {
			h := fnvOffset
			for k := 0; k < maxPhrase && i+k < len(s.info); k++ {
				h = mix(h, s.info[i+k].lower)
				if c := ents[h]; c != nil {
					c[nTypes]++
				}
			}
		}
	}
	keys := make([]uint64, 0, len(ents))
	for h := range ents {
		keys = append(keys, h)
	}
	slices.Sort(keys)
	mem := make([]uint8, 1<<mbits)
	for _, h := range keys {
		c := ents[h]
		var v uint8
		for t := 0; t < nTypes; t++ {
			if c[nTypes] > 0 && float64(c[t]) >= memMinShare*float64(c[nTypes]) {
				v |= 1 << t
			}
		}
		if v == 0 {
			continue
		}
		slot, fp := memSlot(h, mbits)
		mem[slot] = fp<<4 | v
	}
	return mem
}
