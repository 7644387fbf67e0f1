// Package longtext generates long articles of three shapes for the tests
// and benchmarks that check extraction is bounded: its cost per byte,
// memory and output must not grow with an article's length, up to the
// largest article the CLI and server accept.
package longtext

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// The shapes of long article.
const (
	// Prose is news sentences naming many different people and places,
	// as a digest of many stories does.
	Prose = "prose"
	// List is one long comma list of place names: every word a place.
	List = "list"
	// Capitalized is random capitalized words, which look like names.
	Capitalized = "capitalized"
)

// Kinds are the shapes Article makes.
var Kinds = []string{Prose, List, Capitalized}

// Words the prose draws from.
var (
	firsts = strings.Fields("Anna Oleksandr Maria John Fatima Pierre Ivan Li Sofia Ahmed Elena Carlos Yuki Kwame Ingrid Tomasz Priya Omar Hana Diego")
	lasts  = strings.Fields("Kovalenko Smith Dubois Tanaka Okafor Nowak Haddad Silva Petrova Larsen Moreau Chen Garcia Mensah Novak Rossi Fischer Khan Ivanova Costa")
	places = strings.Fields("Kyiv Kharkiv Izium Paris Lyon Berlin Madrid Lagos Nairobi Tokyo Osaka Lima Quito Warsaw Krakow Oslo Bergen Cairo Dakar Hanoi Manila Denver Boston Toronto Sydney")
	verbs  = []string{"visited", "met officials in", "spoke to reporters in", "arrived in", "left"}
	days   = []string{"on Monday", "last week", "on March 3", "yesterday", "in 2021", "on Friday"}
)

// Article returns at most size bytes, and nearly that many, of text of the given kind (one of
// Kinds), the same for the same arguments.
func Article(kind string, size int) (string, error) {
	r := rand.New(rand.NewPCG(uint64(size), uint64(len(kind))))
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	var b strings.Builder
	b.Grow(size + 200)
	for b.Len() < size {
		switch kind {
		case Prose:
			// Surnames with two random letters added, so that new
			// people keep coming: person linking must not be pairwise.
			last := fmt.Sprintf("%s%c%c", pick(lasts), 'a'+r.IntN(26), 'a'+r.IntN(26))
			fmt.Fprintf(&b, "%s %s %s %s %s. ", pick(firsts), last, pick(verbs), pick(places), pick(days))
			fmt.Fprintf(&b, "Shelling hit %s, where %s said the damage was heavy. ", pick(places), last)
			if r.IntN(4) == 0 {
				b.WriteString("\n\n")
			}
		case List:
			b.WriteString(pick(places))
			b.WriteString(", ")
		case Capitalized:
			b.WriteByte(byte('A' + r.IntN(26)))
			for range 3 + r.IntN(7) {
				b.WriteByte(byte('a' + r.IntN(26)))
			}
			if r.IntN(12) == 0 {
				b.WriteString(". ")
			} else {
				b.WriteByte(' ')
			}
		default:
			return "", fmt.Errorf("longtext: unknown kind %q: want one of %s", kind, strings.Join(Kinds, ", "))
		}
	}
	// At most size bytes, cut after a whole word.
	text := b.String()
	if len(text) > size {
		text = text[:strings.LastIndexByte(text[:size], ' ')+1]
	}
	return text, nil
}
