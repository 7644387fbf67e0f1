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
	p := l.ix.Prominence(name)
	switch {
	case p.Places == 0:
		return sizeUnknown
	case p.Country:
		return sizeCountry
	case p.Admin1:
		return sizeRegion
	case p.MaxPopulation >= 1_000_000:
		return sizeMetro
	case p.MaxPopulation >= 100_000:
		return sizeCity
	case p.MaxPopulation >= 10_000:
		return sizeTown
	case p.MaxPopulation >= 1_000:
		return sizeVillage
	}
	return sizeHamlet
}
