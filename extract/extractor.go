package extract

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/geoparse/geoparse/extract/ner"
	"github.com/geoparse/geoparse/extract/timex"
	"github.com/geoparse/geoparse/gazetteer"
)

// Errors returned for documents that cannot be read.
var (
	ErrEmptyText   = errors.New("empty text")
	ErrInvalidUTF8 = errors.New("text is not valid UTF-8")
)

// PublishedFromInput is Result.PublishedSource for a date given with the
// document.
const PublishedFromInput = "input"

// Extractor runs the pipeline: tokens, sentences, entities, dates, place
// resolution and events. It holds only read-only state after New, so one
// Extractor is safe for concurrent use by many goroutines.
type Extractor struct {
	gaz *gazetteer.Index
	ner *ner.Model
	// roles are the place roles that make events: {RoleEvent} unless
	// WithEventRoles says otherwise.
	roles map[string]bool
}

// Option configures an Extractor.
type Option func(*Extractor) error

// WithGazetteer makes the Extractor resolve places with ix instead of the
// embedded default gazetteer.
func WithGazetteer(ix *gazetteer.Index) Option {
	return func(e *Extractor) error {
		if ix == nil {
			return errors.New("extract: nil gazetteer")
		}
		e.gaz = ix
		return nil
	}
}

// WithEventRoles makes places of these roles events too (see [Roles]):
// WithEventRoles(RoleEvent, RolePlanned) maps planned happenings beside
// those that happened. Each event's Role says which it is. The default is
// RoleEvent alone.
func WithEventRoles(roles ...string) Option {
	return func(e *Extractor) error {
		set, err := roleSet(roles)
		if err != nil {
			return err
		}
		e.roles = set
		return nil
	}
}

// ForRoles returns a copy of e whose events are made from places of these
// roles (see [WithEventRoles]). The copy shares e's gazetteer and model,
// so it costs nothing to make one per request.
func (e *Extractor) ForRoles(roles ...string) (*Extractor, error) {
	set, err := roleSet(roles)
	if err != nil {
		return nil, err
	}
	c := *e
	c.roles = set
	return &c, nil
}

// CheckRoles reports the first name that is not a place role (see
// [Roles]).
func CheckRoles(roles []string) error {
	_, err := roleSet(roles)
	return err
}

// roleSet checks roles against [Roles]; no roles means RoleEvent alone.
func roleSet(roles []string) (map[string]bool, error) {
	set := map[string]bool{}
	for _, r := range roles {
		r = strings.ToLower(strings.TrimSpace(r))
		if r == "" {
			continue
		}
		if !slices.Contains(Roles, r) {
			return nil, fmt.Errorf("extract: unknown place role %q: want one of %s", r, strings.Join(Roles, ", "))
		}
		set[r] = true
	}
	if len(set) == 0 {
		set[RoleEvent] = true
	}
	return set, nil
}

// New returns an Extractor. Without WithGazetteer it opens the embedded
// default gazetteer.
func New(opts ...Option) (*Extractor, error) {
	e := &Extractor{}
	for _, o := range opts {
		if err := o(e); err != nil {
			return nil, err
		}
	}
	if e.roles == nil {
		e.roles = map[string]bool{RoleEvent: true}
	}
	if e.gaz == nil {
		ix, err := gazetteer.Default()
		if err != nil {
			return nil, fmt.Errorf("extract: default gazetteer: %w", err)
		}
		e.gaz = ix
	}
	if e.ner == nil {
		m, err := ner.Default()
		if err != nil {
			return nil, fmt.Errorf("extract: default entity model: %w", err)
		}
		e.ner = m
	}
	if e.ner.UsesLexicon() {
		e.ner = e.ner.WithLexicon(PlaceLexicon(e.gaz))
	}
	return e, nil
}

// Gazetteer returns the index the Extractor resolves places with.
func (e *Extractor) Gazetteer() *gazetteer.Index { return e.gaz }

// Extract reads one document.
func (e *Extractor) Extract(ctx context.Context, doc Document) (Result, error) {
	res := Result{Document: doc}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	if err := CheckText(doc.Text); err != nil {
		return res, err
	}
	if res.Document.ID == "" {
		res.Document.ID = TextID(doc.Text)
	}
	if doc.Published != "" {
		t, err := ParsePublished(doc.Published)
		if err != nil {
			return res, err
		}
		res.Published, res.PublishedSource = t, doc.PublishedSource
		if res.PublishedSource == "" {
			res.PublishedSource = PublishedFromInput
		}
	} else if t, src, ok := timex.FindDCT(doc.Text); ok {
		// Relative dates need an anchor; a dateline or the first photo
		// caption's date is the article's own word for it.
		res.Published, res.PublishedSource = t, src
	}
	// ctx is checked between the stages, and inside the two that read a
	// long document in parts (tagging, place resolution), so that a
	// cancelled or timed-out request stops within a fraction of a second
	// even on a document of --max-article bytes.
	res.Tokens = Tokenize(doc.Text)
	res.Sentences = Sentences(doc.Text, res.Tokens)
	if err := ctx.Err(); err != nil {
		return res, err
	}
	rc := recognizer{model: e.ner, gaz: e.gaz, ctx: ctx}
	res.Entities = rc.entities(&res)
	if err := ctx.Err(); err != nil {
		return res, err
	}
	res.Dates = findDates(&res)
	forms := rc.formMentions(&res)
	if err := ctx.Err(); err != nil {
		return res, err
	}
	var otherForms []Place
	res.Places, otherForms = resolvePlaces(ctx, e.gaz, &res, forms)
	if err := ctx.Err(); err != nil {
		return res, err
	}
	res.Events = assembleEvents(&res, e.roles)
	mergeFormPlaces(&res, otherForms)
	if len(res.Events) > MaxEvents {
		res.DroppedEvents = len(res.Events) - MaxEvents
		res.Events = res.Events[:MaxEvents:MaxEvents]
	}
	return res, nil
}

// MaxEvents bounds the events of one document: a news article has a few,
// a long digest some hundreds, and only text that is a list of places
// (each one an event) comes near it. Extract keeps the first MaxEvents in
// text order and counts the rest in Result.DroppedEvents.
const MaxEvents = 1000

// ParsePublished reads a publication date given as YYYY-MM-DD or RFC 3339.
func ParsePublished(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	if err := CheckDay(s); err != nil {
		return time.Time{}, fmt.Errorf("published %q: %w", s, err)
	}
	return time.Time{}, fmt.Errorf("published %q: want YYYY-MM-DD or RFC 3339", s)
}

// CheckDay explains a date that has the form YYYY-MM-DD but names no day
// of the calendar ("2022-02-30"); it returns nil for anything else.
func CheckDay(s string) error {
	if len(s) < 10 {
		return nil
	}
	var y, m, d int
	if n, err := fmt.Sscanf(s[:10], "%4d-%2d-%2d", &y, &m, &d); n != 3 || err != nil {
		return nil
	}
	if m < 1 || m > 12 {
		return fmt.Errorf("there is no month %d", m)
	}
	days := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	if d < 1 || d > days {
		return fmt.Errorf("the day does not exist: %s %d has %d days", time.Month(m), y, days)
	}
	return nil
}
