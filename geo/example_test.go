package geo_test

import (
	"context"
	"log"
	"os"

	"github.com/geoparse/geoparse/extract"
	"github.com/geoparse/geoparse/geo"
)

// Example goes from an article's text to GeoJSON: extract.New loads the
// embedded gazetteer and entity model, Extract finds the people, places,
// dates and events, Records flattens the events, and a writer streams
// them as one RFC 7946 FeatureCollection.
func Example() {
	ex, err := extract.New()
	if err != nil {
		log.Fatal(err)
	}
	res, err := ex.Extract(context.Background(), extract.Document{
		ID:        "lyon-2024-05-07",
		Published: "2024-05-07",
		Text:      "Floods hit Lyon on Monday, forcing hundreds of residents from their homes.",
	})
	if err != nil {
		log.Fatal(err)
	}
	w := geo.NewFeatureCollectionWriter(os.Stdout)
	if err := w.Write(geo.Records(&res)...); err != nil {
		log.Fatal(err)
	}
	if err := w.Close(); err != nil {
		log.Fatal(err)
	}
	// Output:
	// {"type":"FeatureCollection","features":[
	// {"id":"790cd7f37117bbbc","type":"Feature","geometry":{"type":"Point","coordinates":[4.84671,45.74846]},"properties":{"doc_id":"lyon-2024-05-07","source":"","title":"","url":"","published":"2024-05-07","place":"Lyon","place_text":"Lyon","geonameid":2996944,"feature_code":"PPLA","country_code":"FR","admin1":"84","population":522969,"date":"2024-05-06","date_start":"2024-05-06","date_end":"2024-05-06","date_text":"Monday","people":[],"location_precision":"place","sentence":"Floods hit Lyon on Monday, forcing hundreds of residents from their homes.","start":11,"end":15,"confidence":0.7004,"type":"disaster","role":"event","date_source":"sentence","mentions":1,"offsets":[0,74]}}
	// ]}
}

// ExampleNewFeatureCollectionWriter writes a record made by hand; its
// values are those of the embedded gazetteer's Izium and of the offsets
// of "Izium" in the sentence.
func ExampleNewFeatureCollectionWriter() {
	rec := geo.Record{
		ID: geo.EventID("doc-1", "geonames:707292", "2022-09-14", "visit"),
		Properties: geo.Properties{
			DocID:       "doc-1",
			Published:   "2022-09-15",
			Place:       "Izium",
			PlaceText:   "Izium",
			GeoNameID:   707292,
			FeatureCode: "PPLA2",
			CountryCode: "UA",
			Admin1:      "07",
			Population:  45884,
			Date:        "2022-09-14",
			DateStart:   "2022-09-14",
			DateEnd:     "2022-09-14",
			Precision:   "place",
			DateText:    "Sept. 14",
			People:      []string{"Volodymyr Zelenskyy"},
			Sentence:    "On Sept. 14 Zelenskyy visited Izium.",
			Start:       30,
			End:         35,
			Confidence:  0.9,
			Type:        "visit",
			Role:        "event",
			DateSource:  "sentence",
			Mentions:    1,
			Offsets:     []int{0, 36},
		},
		Lat: 49.20697,
		Lon: 37.27679,
	}
	w := geo.NewFeatureCollectionWriter(os.Stdout)
	if err := w.Write(rec); err != nil {
		log.Fatal(err)
	}
	if err := w.Close(); err != nil {
		log.Fatal(err)
	}
	// Output:
	// {"type":"FeatureCollection","features":[
	// {"id":"5221790d9989b9ec","type":"Feature","geometry":{"type":"Point","coordinates":[37.27679,49.20697]},"properties":{"doc_id":"doc-1","source":"","title":"","url":"","published":"2022-09-15","place":"Izium","place_text":"Izium","geonameid":707292,"feature_code":"PPLA2","country_code":"UA","admin1":"07","population":45884,"date":"2022-09-14","date_start":"2022-09-14","date_end":"2022-09-14","date_text":"Sept. 14","people":["Volodymyr Zelenskyy"],"location_precision":"place","sentence":"On Sept. 14 Zelenskyy visited Izium.","start":30,"end":35,"confidence":0.9,"type":"visit","role":"event","date_source":"sentence","mentions":1,"offsets":[0,36]}}
	// ]}
}

func ExampleNewSeqWriter() {
	w := geo.NewSeqWriter(os.Stdout)
	w.Write(geo.Record{ID: "a1", Properties: geo.Properties{DocID: "d", Place: "Kyiv", GeoNameID: 703448, Confidence: 1}, Lat: 50.45466, Lon: 30.5238})
	w.Write(geo.Record{ID: "b2", Properties: geo.Properties{DocID: "d", Place: "Lviv", GeoNameID: 702550, Confidence: 0.5}, Lat: 49.83826, Lon: 24.02324})
	if err := w.Close(); err != nil {
		log.Fatal(err)
	}
	// Output:
	// {"id":"a1","type":"Feature","geometry":{"type":"Point","coordinates":[30.5238,50.45466]},"properties":{"doc_id":"d","source":"","title":"","url":"","published":"","place":"Kyiv","place_text":"","geonameid":703448,"feature_code":"","country_code":"","admin1":"","population":0,"date":"","date_start":"","date_end":"","date_text":"","people":[],"location_precision":"","sentence":"","start":0,"end":0,"confidence":1.0,"type":"","role":"","date_source":"","mentions":0,"offsets":[]}}
	// {"id":"b2","type":"Feature","geometry":{"type":"Point","coordinates":[24.02324,49.83826]},"properties":{"doc_id":"d","source":"","title":"","url":"","published":"","place":"Lviv","place_text":"","geonameid":702550,"feature_code":"","country_code":"","admin1":"","population":0,"date":"","date_start":"","date_end":"","date_text":"","people":[],"location_precision":"","sentence":"","start":0,"end":0,"confidence":0.5,"type":"","role":"","date_source":"","mentions":0,"offsets":[]}}
}
