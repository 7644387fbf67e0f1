package geo

import (
	"bufio"
	"errors"
	"fmt"
	"io"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// Writer writes event records in some output format. Close finishes the
// output (for instance the closing "]}" of a FeatureCollection) and flushes
// it; it does not close the underlying io.Writer.
type Writer interface {
	Write(recs ...Record) error
	Close() error
}

// ErrClosed is returned by Write after Close.
var ErrClosed = errors.New("geo: write after close")

var (
	_ Writer = (*FeatureCollectionWriter)(nil)
	_ Writer = (*SeqWriter)(nil)
)

// Feature is the GeoJSON feature of one record.
type Feature = geojson.FeatureOf[Properties]

// Feature returns r as a GeoJSON feature: id r.ID, a Point geometry
// [lon, lat] rounded to 6 decimals and the flat properties, with people
// [] rather than null when empty.
func (r Record) Feature() *Feature {
	p := r.Properties.withLists()
	var id any
	if r.ID != "" {
		id = r.ID
	}
	return &Feature{
		ID:         id,
		Type:       "Feature",
		Geometry:   orb.Point{round(r.Lon, 6), round(r.Lat, 6)},
		Properties: p,
	}
}

// RecordFromFeature is the inverse of [Record.Feature]: it reads a
// feature decoded from GeoJSON (for instance from a
// geojson.FeatureCollectionOf[Properties]) back into a record. The feature
// must have a Point geometry.
func RecordFromFeature(f *Feature) (Record, error) {
	if f == nil {
		return Record{}, errors.New("geo: nil feature")
	}
	pt, ok := f.Geometry.(orb.Point)
	if !ok {
		return Record{}, fmt.Errorf("geo: feature geometry is %T, want Point", f.Geometry)
	}
	r := Record{Properties: f.Properties, Lon: pt.Lon(), Lat: pt.Lat()}
	switch id := f.ID.(type) {
	case nil:
	case string:
		r.ID = id
	default:
		r.ID = fmt.Sprint(id)
	}
	return r, nil
}

// FeatureCollectionWriter streams one RFC 7946 FeatureCollection, feature
// by feature: records are encoded as they are written and not kept. The
// output is buffered; Close writes the end of the collection and flushes.
// A collection with no records is still valid GeoJSON ("features":[]).
// After an error every later call returns the same error.
type FeatureCollectionWriter struct {
	bw      *bufio.Writer
	started bool
	n       int
	closed  bool
	err     error
}

// NewFeatureCollectionWriter returns a writer of one FeatureCollection to w.
func NewFeatureCollectionWriter(w io.Writer) *FeatureCollectionWriter {
	return &FeatureCollectionWriter{bw: bufio.NewWriterSize(w, 64<<10)}
}

const (
	fcPrefix = `{"type":"FeatureCollection","features":[`
	fcSuffix = "]}\n"
)

// Write appends the records to the collection.
func (w *FeatureCollectionWriter) Write(recs ...Record) error {
	if w.err != nil {
		return w.err
	}
	if w.closed {
		return ErrClosed
	}
	if !w.started {
		w.started = true
		if _, err := w.bw.WriteString(fcPrefix); err != nil {
			return w.fail(err)
		}
	}
	for i := range recs {
		if recs[i].Unresolved {
			continue // no point, no feature
		}
		b, err := recs[i].Feature().MarshalJSON()
		if err != nil {
			return w.fail(fmt.Errorf("geo: record %q: %w", recs[i].ID, err))
		}
		if w.n > 0 {
			w.bw.WriteByte(',')
		}
		w.bw.WriteByte('\n')
		if _, err := w.bw.Write(b); err != nil {
			return w.fail(err)
		}
		w.n++
	}
	return nil
}

// Count reports how many features were written.
func (w *FeatureCollectionWriter) Count() int { return w.n }

// Flush writes buffered features to the underlying writer. The output is
// not a complete document until Close.
func (w *FeatureCollectionWriter) Flush() error {
	if w.err != nil {
		return w.err
	}
	return w.fail(w.bw.Flush())
}

// Close ends the collection and flushes it. It does not close the
// underlying writer. Closing twice is a no-op.
func (w *FeatureCollectionWriter) Close() error {
	if w.err != nil {
		return w.err
	}
	if w.closed {
		return nil
	}
	w.closed = true
	if !w.started {
		w.started = true
		w.bw.WriteString(fcPrefix)
	}
	if w.n > 0 {
		w.bw.WriteByte('\n')
	}
	w.bw.WriteString(fcSuffix)
	return w.fail(w.bw.Flush())
}

func (w *FeatureCollectionWriter) fail(err error) error {
	if err != nil && w.err == nil {
		w.err = err
	}
	return err
}

// SeqWriter writes one GeoJSON Feature per line: newline-delimited GeoJSON
// (GDAL's GeoJSONSeq, *.geojsonl) or, with [WithRecordSeparator], an RFC 8142
// GeoJSON text sequence (RS before each feature, *.geojsons). Output is
// buffered; Close flushes. An empty sequence is an empty file.
type SeqWriter struct {
	bw     *bufio.Writer
	rs     bool
	n      int
	closed bool
	err    error
}

// SeqOption configures a [SeqWriter].
type SeqOption func(*SeqWriter)

// WithRecordSeparator makes the writer emit RFC 8142 GeoJSON text
// sequences: each feature is preceded by the ASCII record separator
// (0x1E) and followed by a line feed.
func WithRecordSeparator() SeqOption {
	return func(w *SeqWriter) { w.rs = true }
}

// NewSeqWriter returns a writer of newline-delimited GeoJSON features to w.
func NewSeqWriter(w io.Writer, opts ...SeqOption) *SeqWriter {
	sw := &SeqWriter{bw: bufio.NewWriterSize(w, 64<<10)}
	for _, o := range opts {
		o(sw)
	}
	return sw
}

// recordSeparator is RFC 8142's RS.
const recordSeparator = 0x1E

// Write writes one feature per record.
func (w *SeqWriter) Write(recs ...Record) error {
	if w.err != nil {
		return w.err
	}
	if w.closed {
		return ErrClosed
	}
	for i := range recs {
		if recs[i].Unresolved {
			continue // no point, no feature
		}
		b, err := recs[i].Feature().MarshalJSON()
		if err != nil {
			return w.fail(fmt.Errorf("geo: record %q: %w", recs[i].ID, err))
		}
		if w.rs {
			w.bw.WriteByte(recordSeparator)
		}
		w.bw.Write(b)
		if err := w.bw.WriteByte('\n'); err != nil {
			return w.fail(err)
		}
		w.n++
	}
	return nil
}

// Count reports how many features were written.
func (w *SeqWriter) Count() int { return w.n }

// Flush writes buffered features to the underlying writer.
func (w *SeqWriter) Flush() error {
	if w.err != nil {
		return w.err
	}
	return w.fail(w.bw.Flush())
}

// Close flushes the output. It does not close the underlying writer.
// Closing twice is a no-op.
func (w *SeqWriter) Close() error {
	if w.err != nil {
		return w.err
	}
	if w.closed {
		return nil
	}
	w.closed = true
	return w.fail(w.bw.Flush())
}

func (w *SeqWriter) fail(err error) error {
	if err != nil && w.err == nil {
		w.err = err
	}
	return err
}
