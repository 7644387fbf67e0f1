package extract

import "time"

// Document is one article to read.
type Document struct {
	// ID is the caller's id for the document. When it is empty, Extract
	// names the document by its text (see [TextID]), so the same article
	// gets the same id wherever it was read from.
	ID   string `json:"id"`
	Text string `json:"text"`
	// Source says where the document was read from ("articles.jsonl:12",
	// "article.txt", "stdin"), for people reading the output; it plays no
	// part in ids.
	Source    string `json:"source,omitempty"`
	Title     string `json:"title,omitempty"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published,omitempty"` // YYYY-MM-DD or RFC 3339; empty when unknown
	// PublishedSource says where Published came from when the caller knows
	// better than "input" (the CLI's --published sets "flag").
	PublishedSource string `json:"-"`
}

// Token is one token of the text. Start and End are Unicode code point
// offsets into Document.Text, End exclusive.
type Token struct {
	Text  string
	Start int
	End   int
	// Byte offsets of the same span, for slicing the text without
	// re-counting runes.
	ByteStart int
	ByteEnd   int
	// SpaceBefore is true when whitespace separates this token from the
	// previous one (or it is the first token).
	SpaceBefore bool
	// NewlineBefore is true when a line break separates this token from the
	// previous one.
	NewlineBefore bool
}

// Sentence is a run of tokens [TokenStart, TokenEnd) and its code point span.
type Sentence struct {
	Start      int
	End        int
	TokenStart int
	TokenEnd   int
	// Kind tells body text from the page furniture around it.
	Kind SentenceKind
}

// SentenceKind classifies a sentence-like unit of a news page.
type SentenceKind string

const (
	// KindBody is ordinary article text.
	KindBody SentenceKind = "body"
	// KindCaption is a photo caption ("… (AP Photo/…)").
	KindCaption SentenceKind = "caption"
	// KindHeadline is a short line with no final punctuation, or an
	// ALL-CAPS related-article headline.
	KindHeadline SentenceKind = "headline"
	// KindBoilerplate is page furniture: translation banners, "CLICK HERE"
	// lines, agency credits.
	KindBoilerplate SentenceKind = "boilerplate"
)

// Label is an entity type.
type Label string

// Entity labels.
const (
	Person       Label = "PERSON"
	Location     Label = "LOCATION"
	Organization Label = "ORGANIZATION"
	Misc         Label = "MISC"
)

// Entity is a named entity mention.
type Entity struct {
	Text  string `json:"text"`
	Label Label  `json:"label"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	// Canonical is, for a PERSON, the longest name in the document that this
	// mention refers to ("Zelenskyy" → "Volodymyr Zelenskyy").
	Canonical string `json:"canonical,omitempty"`
	// Title is a role or honorific that precedes a PERSON mention
	// ("President", "Prosecutor General"); it is not part of the span.
	Title string `json:"title,omitempty"`
	// Sentence is the index of the sentence holding the mention.
	Sentence int `json:"-"`
	// TokenStart and TokenEnd are the mention's token span in
	// Result.Tokens, end exclusive.
	TokenStart, TokenEnd int `json:"-"`
}

// Place is a LOCATION mention and what it resolved to. An unresolved
// place keeps its text and offsets and has a nil GeoNameID and no
// coordinates.
type Place struct {
	Text        string   `json:"text"`
	Start       int      `json:"start"`
	End         int      `json:"end"`
	Name        string   `json:"name,omitempty"`
	GeoNameID   *int64   `json:"geonameid"`
	Lat         *float64 `json:"lat,omitempty"`
	Lon         *float64 `json:"lon,omitempty"`
	FeatureCode string   `json:"feature_code,omitempty"`
	CountryCode string   `json:"country_code,omitempty"`
	Admin1      string   `json:"admin1,omitempty"`
	Population  int64    `json:"population,omitempty"`
	// Score is the resolver's confidence in the chosen entry, 0–1.
	Score float64 `json:"score"`
	// Role tells what the mention does in its sentence: "event" (something
	// is said to happen there), "mention" (only named: a comparison, a
	// quotation, a container of another place, a modifier) or "metonym"
	// (it stands for its government or people: "Kyiv launched"). Empty
	// for places outside body text and captions. See [RoleEvent].
	Role string `json:"role,omitempty"`
	// Form tells how the text names the place: "name" ("Dallas"),
	// "abbreviation" ("Calif.", "U.S."), "demonym" ("Russian" for
	// Russia) or "in_name" (a place inside a longer name, which Within
	// gives). See [FormName]. Only names and abbreviations can be event
	// places.
	Form string `json:"form"`
	// Within is, for the forms "in_name" and "demonym", the longer name
	// holding the mention ("Dallas Police Department"), when there is one.
	Within string `json:"within,omitempty"`
	// Sentence is the index of the sentence holding the mention.
	Sentence int `json:"-"`
}

// Place forms: see [Place.Form].
const (
	// FormName is a place named as such: "Dallas", "Kharkiv region".
	FormName = "name"
	// FormAbbreviation is a place named by an abbreviation: "Calif.",
	// "D.C.", "U.S.", "UK".
	FormAbbreviation = "abbreviation"
	// FormDemonym is a place named by the adjective or noun for its
	// people: "Russian" (Russia), "Syrians" (Syria).
	FormDemonym = "demonym"
	// FormInName is a place named inside a longer name of something else:
	// "Dallas" in "the Dallas Police Department".
	FormInName = "in_name"
)

// Forms lists the place forms.
var Forms = []string{FormName, FormAbbreviation, FormDemonym, FormInName}

// Resolved reports whether the place was linked to a gazetteer entry.
func (p Place) Resolved() bool { return p.GeoNameID != nil }

// Date is a temporal expression, typed and normalized as in TimeML's TIMEX3:
// Type is DATE, TIME, DURATION or SET; Value is e.g. "2022-09-14",
// "2022-09", "P6M", "PRESENT_REF".
type Date struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Type  string `json:"type"`
	Value string `json:"value"`
	// Sentence is the index of the sentence holding the expression.
	Sentence int `json:"-"`
}

// Event is something said to happen at a place: the place, the date, the
// type and the people of one sentence, or of several sentences (body and
// captions) that state the same place, date and type. Indexes point into
// Result.Places, Result.Dates and Result.Entities; Sentence, PlaceIndex
// and DateIndex are those of the first mention. DateIndex is -1 when the
// sentence has no date of its own and the date is inherited (DateSource).
type Event struct {
	Sentence   int
	PlaceIndex int
	DateIndex  int
	// Type is one of the event types of the taxonomy: see [EventTypes].
	Type string
	// Role is the place's role, always [RoleEvent] for events assembled by
	// the pipeline.
	Role string
	// DateSource says where Date came from: "sentence" (stated),
	// "narrative" (the last day stated in the body before), "caption" or
	// "dateline" (the article's own date line), "published" (the
	// publication date), or "" when unknown.
	DateSource string
	// Mentions is the number of sentences merged into this event (1 for
	// a single sentence); Sentences and Places list them and their place
	// mentions, in text order.
	Mentions  int
	Sentences []int
	Places    []int
	// People holds canonical PERSON names taking part.
	People []string
	// Date is the normalized day (YYYY-MM-DD, or a coarser TIMEX3 value),
	// empty when unknown.
	Date string
	// DateStart and DateEnd are the first and last day (YYYY-MM-DD) of
	// Date's interval: a day is itself, a week, month, season or year its
	// range of days (see [timex.Interval]); both empty when Date names
	// no fixed interval.
	DateStart, DateEnd string
	// Confidence is 0–1: the place score, lowered when the date is
	// inherited rather than stated or the point is approximate.
	Confidence float64
	// PointIndex is the index in Result.Places of the place whose point
	// locates the event: PlaceIndex when that place is resolved, else the
	// most specific resolved place named with it (same sentence, else the
	// one before: "Hrakove, in the Kharkiv region" → the region), or -1.
	PointIndex int
	// LocationPrecision says what the point is: "place" (the event's own
	// place), or for an unresolved place the level of the place standing
	// in: "nearby" (a town named with it), "admin2", "admin1", "country";
	// "" when the event has no point.
	LocationPrecision string
}

// Location precisions: see [Event.LocationPrecision].
const (
	PrecisionPlace   = "place"
	PrecisionNearby  = "nearby"
	PrecisionAdmin2  = "admin2"
	PrecisionAdmin1  = "admin1"
	PrecisionCountry = "country"
)

// Result is what the Extractor found in one Document.
type Result struct {
	Document  Document
	Published time.Time // zero when unknown
	// PublishedSource says where Published came from: "input" (the
	// document's own field), "flag" (a batch-wide default), "dateline" or
	// "caption" (read from the text); empty when unknown.
	PublishedSource string
	Tokens          []Token
	Sentences       []Sentence
	Entities        []Entity
	Places          []Place
	Dates           []Date
	Events          []Event
	// DroppedEvents counts the events past MaxEvents that Events does not
	// hold.
	DroppedEvents int
}

// SentenceText returns the text of sentence i.
func (r *Result) SentenceText(i int) string {
	s := r.Sentences[i]
	if s.TokenStart >= s.TokenEnd {
		return ""
	}
	return r.Document.Text[r.Tokens[s.TokenStart].ByteStart:r.Tokens[s.TokenEnd-1].ByteEnd]
}
