package geo

import "github.com/geoparse/geoparse/extract"

// Annotation is everything found in one document, the JSON Lines output
// of geoparse (one object a document): the entities, places and dates
// with their offsets, and every event record, including those at places
// the gazetteer does not know (null coordinates). Lists are never null,
// so consumers can iterate without checks.
type Annotation struct {
	ID string `json:"id"`
	// Source is where the document was read from: see [Properties].
	Source    string  `json:"source,omitempty"`
	Title     string  `json:"title,omitempty"`
	URL       string  `json:"url,omitempty"`
	Published *string `json:"published"`
	// PublishedSource says where Published came from: input (the
	// document), flag, env or config (the batch-wide --published, given
	// as a flag, GEOPARSE_PUBLISHED or in the config file), dateline or
	// caption (read from the text); absent when the date is unknown.
	PublishedSource string           `json:"published_source,omitempty"`
	Entities        []extract.Entity `json:"entities"`
	Places          []extract.Place  `json:"places"`
	Dates           []extract.Date   `json:"dates"`
	Events          []Record         `json:"events"`
	// DroppedEvents counts the document's events past the first
	// extract.MaxEvents, which Events does not hold; absent when none
	// were.
	DroppedEvents int `json:"dropped_events,omitempty"`
}

// NewAnnotation returns the annotation of res.
func NewAnnotation(res *extract.Result) Annotation {
	a := Annotation{
		ID: res.Document.ID, Source: res.Document.Source, Title: res.Document.Title, URL: res.Document.URL,
		Entities: res.Entities, Places: res.Places, Dates: res.Dates, Events: Records(res),
		DroppedEvents: res.DroppedEvents,
	}
	if !res.Published.IsZero() {
		p := res.Published.Format("2006-01-02")
		a.Published = &p
		a.PublishedSource = res.PublishedSource
	}
	if a.Entities == nil {
		a.Entities = []extract.Entity{}
	}
	if a.Places == nil {
		a.Places = []extract.Place{}
	}
	if a.Dates == nil {
		a.Dates = []extract.Date{}
	}
	if a.Events == nil {
		a.Events = []Record{}
	}
	return a
}
