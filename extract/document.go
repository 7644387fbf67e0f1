package extract

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Errors of UnmarshalDocument.
var (
	ErrMissingText    = errors.New(`missing "text"`)
	ErrMultipleValues = errors.New("more than one value")
)

// jsonDocument is the JSON form of an input document, one JSONL line of a
// batch or the body of an API request: {"id", "text", and optional
// "published", "title", "url"}.
type jsonDocument struct {
	ID        json.RawMessage `json:"id"`
	Text      *string         `json:"text"`
	Published string          `json:"published"`
	Title     string          `json:"title"`
	URL       string          `json:"url"`
}

// UnmarshalDocument reads one input document in its JSON form and checks
// what Extract would reject: text that is missing, empty or not UTF-8, and
// a publication date that is not YYYY-MM-DD or RFC 3339. A numeric "id"
// keeps its digits. The document is returned with what could be read even
// on error, so a caller can name it.
func UnmarshalDocument(b []byte) (Document, error) {
	if !utf8.Valid(b) {
		return Document{}, ErrInvalidUTF8
	}
	var in jsonDocument
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&in); err != nil {
		return Document{}, fmt.Errorf("malformed JSON: %w", err)
	}
	if dec.More() {
		return Document{}, fmt.Errorf("malformed JSON: %w", ErrMultipleValues)
	}
	doc := Document{Published: strings.TrimSpace(in.Published), Title: in.Title, URL: in.URL}
	if len(in.ID) > 0 && string(in.ID) != "null" {
		var s string
		if err := json.Unmarshal(in.ID, &s); err == nil {
			doc.ID = s
		} else {
			doc.ID = string(in.ID)
		}
	}
	if in.Text == nil {
		return doc, ErrMissingText
	}
	doc.Text = *in.Text
	if err := CheckText(doc.Text); err != nil {
		return doc, err
	}
	if doc.Published != "" {
		if _, err := ParsePublished(doc.Published); err != nil {
			return doc, err
		}
	}
	return doc, nil
}

// CheckText reports what Extract rejects in a text: ErrInvalidUTF8 or
// ErrEmptyText.
func CheckText(s string) error {
	if !utf8.ValidString(s) {
		return ErrInvalidUTF8
	}
	if strings.TrimSpace(s) == "" {
		return ErrEmptyText
	}
	return nil
}

// TextID is the id of a document that was given none: the first 16 hex
// digits of the SHA-256 of its text. It depends on nothing but the text,
// so outputs of the same article merge and de-duplicate across runs,
// machines and file names; 64 bits keep collisions out of reach of any
// real corpus (about one in 10⁸ for a billion articles).
func TextID(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:8])
}
