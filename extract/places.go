package extract

import (
	"math"

	"github.com/geoparse/geoparse/gazetteer"
)

// resolvePlaces turns the LOCATION entities into Places and resolves them
// all together against the gazetteer, so that each mention is read in the
// light of the others: "Paris" among Texan towns is Paris, Texas.
func resolvePlaces(gaz *gazetteer.Index, res *Result) []Place {
	var locs []int
	for i, e := range res.Entities {
		if e.Label == Location {
			locs = append(locs, i)
		}
	}
	if len(locs) == 0 {
		return nil
	}
	queries := make([]gazetteer.Query, len(locs))
	for qi, ei := range locs {
		queries[qi] = gazetteer.Query{Text: res.Entities[ei].Text, Qualifiers: qualifiers(res, locs, qi)}
	}
	resolutions := gaz.Resolve(queries, countryHints(gaz, res))
	places := make([]Place, len(locs))
	for qi, ei := range locs {
		e := res.Entities[ei]
		p := Place{Text: e.Text, Start: e.Start, End: e.End, Sentence: e.Sentence}
		if r := resolutions[qi]; r.Best != nil {
			b := r.Best
			id, lat, lon := b.ID, b.Lat, b.Lon
			p.GeoNameID, p.Lat, p.Lon = &id, &lat, &lon
			p.Name = b.Name
			p.FeatureCode = b.FeatureCode
			p.CountryCode = b.CountryCode
			p.Admin1 = b.Admin1
			p.Population = b.Population
			p.Score = math.Round(r.Score*1e4) / 1e4
		}
		places[qi] = p
	}
	return places
}

// qualifiers returns the place mentions written right after mention qi and
// separated from it by commas only: "Izium, Kharkiv region, Ukraine".
func qualifiers(res *Result, locs []int, qi int) []string {
	var out []string
	prevEnd := res.Entities[locs[qi]].End
	for k := qi + 1; k < len(locs); k++ {
		next := res.Entities[locs[k]]
		if !onlyCommaBetween(res, prevEnd, next.Start) {
			break
		}
		out = append(out, next.Text)
		prevEnd = next.End
	}
	return out
}

// onlyCommaBetween reports whether the text between code point offsets a
// and b is one comma with optional spaces.
func onlyCommaBetween(res *Result, a, b int) bool {
	commas := 0
	for _, t := range res.Tokens {
		if t.Start < a {
			continue
		}
		if t.Start >= b {
			break
		}
		if t.Text != "," {
			return false
		}
		commas++
	}
	return commas == 1
}

// countryHints lists the countries that demonyms in the text point to
// ("Ukrainian forces" → UA), once per mention.
func countryHints(gaz *gazetteer.Index, res *Result) []string {
	var hints []string
	for _, s := range res.Sentences {
		if s.Kind == KindBoilerplate {
			continue
		}
		for _, t := range res.Tokens[s.TokenStart:s.TokenEnd] {
			if len(t.Text) < 4 || !startsUpper(t.Text) {
				continue
			}
			if cc, ok := gaz.DemonymCountry(t.Text); ok {
				hints = append(hints, cc)
			}
		}
	}
	return hints
}

func startsUpper(s string) bool {
	for _, r := range s {
		return r >= 'A' && r <= 'Z' || r > 127 && isUpperRune(r)
	}
	return false
}
