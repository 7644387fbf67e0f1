package extract

import (
	"strings"
)

// Confidence multipliers for an event's date.
const (
	statedDateWeight    = 1.0
	inheritedDateWeight = 0.7 // the sentence states no date: the publication date stands in
)

// assembleEvents builds one event for each resolved place of a body or
// caption sentence, with the sentence's date and people. Places that only
// locate another place of the same sentence ("Ukraine" and "Kharkiv region"
// in "Izium, Kharkiv region, Ukraine") give no event of their own: the
// most specific place is where it happened.
func assembleEvents(res *Result) []Event {
	var events []Event
	pi, di, ei := 0, 0, 0
	for si, s := range res.Sentences {
		var places, dates []int
		var people []string
		for ; pi < len(res.Places) && res.Places[pi].Sentence <= si; pi++ {
			if res.Places[pi].Sentence == si && res.Places[pi].Resolved() {
				places = append(places, pi)
			}
		}
		for ; di < len(res.Dates) && res.Dates[di].Sentence <= si; di++ {
			if res.Dates[di].Sentence == si {
				dates = append(dates, di)
			}
		}
		for ; ei < len(res.Entities) && res.Entities[ei].Sentence <= si; ei++ {
			e := res.Entities[ei]
			if e.Sentence == si && e.Label == Person && !containsString(people, e.Canonical) {
				people = append(people, e.Canonical)
			}
		}
		if s.Kind != KindBody && s.Kind != KindCaption || len(places) == 0 {
			continue
		}
		date, dateIndex, weight := eventDate(res, dates)
		for _, p := range places {
			if locatesAnother(res.Places, p, places) {
				continue
			}
			events = append(events, Event{
				Sentence:   si,
				PlaceIndex: p,
				DateIndex:  dateIndex,
				People:     people,
				Date:       date,
				Confidence: res.Places[p].Score * weight,
			})
		}
	}
	return events
}

// eventDate picks the sentence's date: the first one resolved to a day,
// else the first resolved at all, else the publication date.
func eventDate(res *Result, dates []int) (string, int, float64) {
	best := -1
	for _, d := range dates {
		v := res.Dates[d].Value
		if res.Dates[d].Type != "DATE" && res.Dates[d].Type != "TIME" || !startsWithYear(v) {
			continue
		}
		if len(v) >= len("2006-01-02") && v[4] == '-' && v[7] == '-' {
			best = d
			break
		}
		if best < 0 {
			best = d
		}
	}
	if best >= 0 {
		v := res.Dates[best].Value
		if len(v) > len("2006-01-02") && v[10] == 'T' {
			v = v[:10]
		}
		return v, best, statedDateWeight
	}
	if !res.Published.IsZero() {
		return res.Published.Format("2006-01-02"), -1, inheritedDateWeight
	}
	return "", -1, inheritedDateWeight
}

func startsWithYear(v string) bool {
	if len(v) < 4 {
		return false
	}
	for i := 0; i < 4; i++ {
		if v[i] < '0' || v[i] > '9' {
			return false
		}
	}
	return true
}

// locatesAnother reports whether place p is the country or first-level
// region of another place among same.
func locatesAnother(places []Place, p int, same []int) bool {
	outer := places[p]
	country := strings.HasPrefix(outer.FeatureCode, "PCL")
	region := outer.FeatureCode == "ADM1"
	if !country && !region {
		return false
	}
	for _, q := range same {
		inner := places[q]
		if q == p || inner.CountryCode != outer.CountryCode || strings.HasPrefix(inner.FeatureCode, "PCL") {
			continue
		}
		if country {
			return true
		}
		if inner.FeatureCode != "ADM1" && inner.Admin1 == outer.Admin1 {
			return true
		}
	}
	return false
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
