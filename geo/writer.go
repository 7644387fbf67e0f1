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

// featureStream is what both writers share: a buffered output, the count
// of features written, and a sticky first error.
type featureStream struct {
	bw     *bufio.Writer
	n      int
	closed bool
	err    error
}

func newFeatureStream(w io.Writer) featureStream {
	return featureStream{bw: bufio.NewWriterSize(w, 64<<10)}
}

// ready reports the error that stops a Write: an earlier one, or Close.
func (s *featureStream) ready() error {
	if s.err != nil {
		return s.err
	}
	if s.closed {
		return ErrClosed
	}
	return nil
}

// each encodes the mappable records and hands each feature's JSON to emit.
func (s *featureStream) each(recs []Record, emit func(b []byte) error) error {
	for i := range recs {
		if recs[i].Unresolved {
			continue // no point, no feature
		}
		b, err := recs[i].Feature().MarshalJSON()
		if err != nil {
			return s.fail(fmt.Errorf("geo: record %q: %w", recs[i].ID, err))
		}
		if err := emit(b); err != nil {
			return s.fail(err)
		}
		s.n++
	}
	return nil
}

// Count reports how many features were written.
func (s *featureStream) Count() int { return s.n }

// Flush writes buffered features to the underlying writer. A
// FeatureCollection is not a complete document until Close.
func (s *featureStream) Flush() error {
	if s.err != nil {
		return s.err
	}
	return s.fail(s.bw.Flush())
}

func (s *featureStream) fail(err error) error {
	if err != nil && s.err == nil {
		s.err = err
	}
	return err
}

// FeatureCollectionWriter streams one RFC 7946 FeatureCollection, feature
// by feature: records are encoded as they are written and not kept. The
// output is buffered; Close writes the end of the collection and flushes.
// A collection with no records is still valid GeoJSON ("features":[]).
// After an error every later call returns the same error.
type FeatureCollectionWriter struct {
	featureStream
	started bool
}

// NewFeatureCollectionWriter returns a writer of one FeatureCollection to w.
func NewFeatureCollectionWriter(w io.Writer) *FeatureCollectionWriter {
	return &FeatureCollectionWriter{featureStream: newFeatureStream(w)}
}

const (
	fcPrefix = `{"type":"FeatureCollection","features":[`
	fcSuffix = "]}\n"
)

func (w *FeatureCollectionWriter) start() error {
	if w.started {
		return nil
	}
	w.started = true
	_, err := w.bw.WriteString(fcPrefix)
	return w.fail(err)
}

// Write appends the records to the collection.
func (w *FeatureCollectionWriter) Write(recs ...Record) error {
	if err := w.ready(); err != nil {
		return err
	}
	if err := w.start(); err != nil {
		return err
	}
	return w.each(recs, func(b []byte) error {
		if w.n > 0 {
			w.bw.WriteByte(',')
		}
		w.bw.WriteByte('\n')
		_, err := w.bw.Write(b)
		return err
	})
}

// Close ends the collection and flushes it. It does not close the
// underlying writer. Closing twice is a no-op.
func (w *FeatureCollectionWriter) Close() error {
	if w.err != nil || w.closed {
		return w.err
	}
	if err := w.start(); err != nil {
		return err
	}
	w.closed = true
	if w.n > 0 {
		w.bw.WriteByte('\n')
	}
	w.bw.WriteString(fcSuffix)
	return w.fail(w.bw.Flush())
}

// SeqWriter writes one GeoJSON Feature per line: newline-delimited GeoJSON
// (GDAL's GeoJSONSeq, *.geojsonl) or, with [WithRecordSeparator], an RFC 8142
// GeoJSON text sequence (RS before each feature, *.geojsons). Output is
// buffered; Close flushes. An empty sequence is an empty file.
type SeqWriter struct {
	featureStream
	rs bool
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
	sw := &SeqWriter{featureStream: newFeatureStream(w)}
	for _, o := range opts {
		o(sw)
	}
	return sw
}

// recordSeparator is RFC 8142's RS.
const recordSeparator = 0x1E

// Write writes one feature per record.
func (w *SeqWriter) Write(recs ...Record) error {
	if err := w.ready(); err != nil {
		return err
	}
	return w.each(recs, func(b []byte) error {
		if w.rs {
			w.bw.WriteByte(recordSeparator)
		}
		w.bw.Write(b)
		return w.bw.WriteByte('\n')
	})
}

// Close flushes the output. It does not close the underlying writer.
// Closing twice is a no-op.
func (w *SeqWriter) Close() error {
	if w.err != nil || w.closed {
		return w.err
	}
	w.closed = true
	return w.fail(w.bw.Flush())
}
