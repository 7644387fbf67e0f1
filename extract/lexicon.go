package extract

import (
	"github.com/geoparse/geoparse/extract/ner"
	"github.com/geoparse/geoparse/gazetteer"
)

// PlaceLexicon adapts a gazetteer to the entity tagger's lexicon features:
// how big is the largest place with this name. The tagger learns from it
// that "Kharkiv" or "Borodyanka", never seen in its training text, are
// places. The same lexicon must be used for training and tagging.
func PlaceLexicon(ix *gazetteer.Index) ner.Lexicon { return placeLexicon{ix} }

type placeLexicon struct{ ix *gazetteer.Index }

// Size buckets returned by PlaceSize.
const (
	sizeUnknown = iota
	sizeHamlet  // under 1,000 people
	sizeVillage // under 10,000
	sizeTown    // under 100,000
	sizeCity    // under 1 million
	sizeMetro   // a million or more
	sizeRegion  // a first-level administrative region
	sizeCountry // a country
)

func (l placeLexicon) PlaceSize(name string) int {
	best := sizeUnknown
	for _, e := range l.ix.Lookup(name) {
		var s int
		switch {
		case e.IsCountry():
			s = sizeCountry
		case e.IsAdmin1():
			s = sizeRegion
		case e.Population >= 1_000_000:
			s = sizeMetro
		case e.Population >= 100_000:
			s = sizeCity
		case e.Population >= 10_000:
			s = sizeTown
		case e.Population >= 1_000:
			s = sizeVillage
		default:
			s = sizeHamlet
		}
		if s > best {
			best = s
		}
	}
	return best
}
