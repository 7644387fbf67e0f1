// Package wordset holds the small fixed word lists of the pipeline (date
// words, event triggers, function words, ...) behind a filter that answers
// most lookups of words not on a list without hashing them.
//
// Running text is mostly words that are on no such list, and a Go map
// lookup hashes the key and probes a group before it can say no. A Map
// first tests one bit, indexed by the word's length and the low five bits
// of its first and last bytes (2 KB a list, so it stays in the L1 cache):
// for a list of a few hundred words most other words find their bit clear.
// A set bit sends the lookup on to the map, so answers are exactly the
// map's.
package wordset

// Map is a read-only map from words to values with a filter in front. Its
// keys are matched byte for byte: callers look up the form the list holds
// (lower case, say).
type Map[V any] struct {
	m    map[string]V
	bits [1 << keyBits / 64]uint64
}

// keyBits is the size of the filter: 4 bits of length, 5 of the first
// byte, 5 of the last.
const keyBits = 14

func key(first, last byte, n int) uint {
	return uint(min(n, 15))<<10 | uint(first&31)<<5 | uint(last&31)
}

// Of returns a Map over m, which must not change afterwards.
func Of[V any](m map[string]V) *Map[V] {
	s := &Map[V]{m: m}
	for w := range m {
		if w == "" {
			continue // the filter has no bit for it; Get asks the map
		}
		k := key(w[0], w[len(w)-1], len(w))
		s.bits[k/64] |= 1 << (k % 64)
	}
	return s
}

// Get returns the value of the word w and whether it is present.
func (s *Map[V]) Get(w []byte) (V, bool) {
	if len(w) > 0 {
		k := key(w[0], w[len(w)-1], len(w))
		if s.bits[k/64]&(1<<(k%64)) == 0 {
			var zero V
			return zero, false
		}
	}
	v, ok := s.m[string(w)]
	return v, ok
}

// GetString is Get for a string.
func (s *Map[V]) GetString(w string) (V, bool) {
	if len(w) > 0 {
		k := key(w[0], w[len(w)-1], len(w))
		if s.bits[k/64]&(1<<(k%64)) == 0 {
			var zero V
			return zero, false
		}
	}
	v, ok := s.m[w]
	return v, ok
}

// Has reports whether the word w is present.
func (s *Map[V]) Has(w []byte) bool {
	_, ok := s.Get(w)
	return ok
}

// HasString is Has for a string.
func (s *Map[V]) HasString(w string) bool {
	_, ok := s.GetString(w)
	return ok
}

// Len is the number of words.
func (s *Map[V]) Len() int { return len(s.m) }
