package gazetteer

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"unsafe"
)

// The name table maps a normalized name to its value (as in the name FST
// of format version 2: value&1==0: record index = value>>1, value&1==1:
// postings offset = value>>1) in one or two cache misses, where walking
// the FST of a full-world index costs about twenty. Layout of the section:
//
//	seed:u64 nbuckets:u32 valueBits:u32, then nbuckets × hashBucket u64 slots
//
// A slot is zero when empty, else fingerprint<<valueBits | value. A name
// hashes (keyHash with seed) to a home bucket and a fingerprint; it sits in
// the first free slot from its home bucket on (linear probing by buckets
// of one cache line). The fingerprint has 64-valueBits bits (above 40 for
// the default index, 35 for a full-world one), so a name that is not in the
// index is taken for one that is with a probability of about 2^-35 or
// less; names that are are always found: the build checks that each name
// is reached before any other of its fingerprint, changing the seed if not.
const (
	hashHeader   = 16
	hashBucket   = 8  // slots per bucket: 64 bytes
	hashLoadPct  = 90 // slots filled at most, percent
	hashSeedBase = 0x5bd1e9955bd1e995
)

// keyHash is a fast 64-bit hash of a normalized name.
func keyHash(seed uint64, s string) uint64 {
	const m1, m2 = 0xa0761d6478bd642f, 0xe7037ed1a0b428db
	h := seed ^ uint64(len(s))*m1
	for len(s) >= 8 {
		v := binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(s), 8))
		hi, lo := bits.Mul64(h^v, m2)
		h = hi ^ lo
		s = s[8:]
	}
	var v uint64
	for i := 0; i < len(s); i++ {
		v |= uint64(s[i]) << (8 * i)
	}
	hi, lo := bits.Mul64(h^v^m1, m2)
	h = hi ^ lo
	// fmix64 of MurmurHash3, so that every bit depends on every other.
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

// nameTable is the hash section read in place.
type nameTable struct {
	seed      uint64
	nb        uint64
	valueBits uint
	slots     []byte
}

func loadNameTable(b []byte) (nameTable, error) {
	var t nameTable
	if len(b) < hashHeader {
		return t, fmt.Errorf("%w: name table", errFormat)
	}
	t.seed = binary.LittleEndian.Uint64(b)
	t.nb = uint64(binary.LittleEndian.Uint32(b[8:]))
	t.valueBits = uint(binary.LittleEndian.Uint32(b[12:]))
	t.slots = b[hashHeader:]
	if t.nb == 0 || t.valueBits == 0 || t.valueBits > 48 || uint64(len(t.slots)) != t.nb*hashBucket*8 {
		return t, fmt.Errorf("%w: name table", errFormat)
	}
	return t, nil
}

// split returns the home bucket and the fingerprint (never zero, so that
// a slot holding it is not empty) of hash h.
func (t *nameTable) split(h uint64) (bucket, fp uint64) {
	bucket, _ = bits.Mul64(h, t.nb)
	fp = (h*0x9e3779b97f4a7c15)>>t.valueBits | 1
	return bucket, fp
}

// get returns the value of key, a normalized name.
func (t *nameTable) get(key string) (uint64, bool) {
	return t.getHash(keyHash(t.seed, key))
}

// touch reads the first byte of the home bucket of the name whose hash
// (keyHash with the table's seed) is h, for the processor to start the
// load before getHash needs it.
func (t *nameTable) touch(h uint64) byte {
	b, _ := t.split(h)
	return t.slots[b*hashBucket*8]
}

// getHash is get for the name whose hash is h.
func (t *nameTable) getHash(h uint64) (uint64, bool) {
	b, fp := t.split(h)
	mask := uint64(1)<<t.valueBits - 1
	for n := uint64(0); n < t.nb; n++ {
		s := t.slots[b*hashBucket*8 : b*hashBucket*8+hashBucket*8]
		for i := 0; i < hashBucket*8; i += 8 {
			v := binary.LittleEndian.Uint64(s[i:])
			if v == 0 {
				return 0, false
			}
			if v>>t.valueBits == fp {
				return v & mask, true
			}
		}
		if b++; b == t.nb {
			b = 0
		}
	}
	return 0, false
}

// nameTableBuilder collects the names, in any order, and their values.
type nameTableBuilder struct {
	keys []byte   // the names, end to end
	ends []uint32 // end of name i in keys
	vals []uint64
	max  uint64
}

func (tb *nameTableBuilder) add(key []byte, val uint64) error {
	if uint64(len(tb.keys))+uint64(len(key)) > 1<<32-1 {
		return fmt.Errorf("gazetteer: build: names too long for the name table")
	}
	tb.keys = append(tb.keys, key...)
	tb.ends = append(tb.ends, uint32(len(tb.keys)))
	tb.vals = append(tb.vals, val)
	tb.max = max(tb.max, val)
	return nil
}

func (tb *nameTableBuilder) key(i int) string {
	start := uint32(0)
	if i > 0 {
		start = tb.ends[i-1]
	}
	return bytesString(tb.keys[start:tb.ends[i]])
}

// build returns the section.
func (tb *nameTableBuilder) build() ([]byte, error) {
	n := uint64(len(tb.vals))
	nb := max(1, (n*100+hashBucket*hashLoadPct-1)/(hashBucket*hashLoadPct))
	if nb > 1<<32-1 {
		return nil, fmt.Errorf("gazetteer: build: %d names, too many for the name table", n)
	}
	valueBits := uint(max(1, bits.Len64(tb.max)))
	if valueBits > 48 {
		return nil, fmt.Errorf("gazetteer: build: name value %d too large for the name table", tb.max)
	}
	out := make([]byte, hashHeader+nb*hashBucket*8)
	for try := uint64(0); try < 64; try++ {
		seed := hashSeedBase + try*0x9e3779b97f4a7c15
		binary.LittleEndian.PutUint64(out, seed)
		binary.LittleEndian.PutUint32(out[8:], uint32(nb))
		binary.LittleEndian.PutUint32(out[12:], uint32(valueBits))
		clear(out[hashHeader:])
		t, err := loadNameTable(out)
		if err != nil {
			return nil, err
		}
		for i := range tb.vals {
			b, fp := t.split(keyHash(seed, tb.key(i)))
			for {
				s := t.slots[b*hashBucket*8 : b*hashBucket*8+hashBucket*8]
				placed := false
				for j := 0; j < hashBucket*8; j += 8 {
					if binary.LittleEndian.Uint64(s[j:]) == 0 {
						binary.LittleEndian.PutUint64(s[j:], fp<<valueBits|tb.vals[i])
						placed = true
						break
					}
				}
				if placed {
					break
				}
				if b++; b == nb {
					b = 0
				}
			}
		}
		ok := true
		for i := range tb.vals {
			if v, found := t.get(tb.key(i)); !found || v != tb.vals[i] {
				ok = false
				break
			}
		}
		if ok {
			return out, nil
		}
	}
	return nil, fmt.Errorf("gazetteer: build: no seed separates the names in the name table")
}
