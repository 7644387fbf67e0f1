package geo_test

import (
	"log"
	"os"

	"github.com/geoparse/geoparse/geo"
)

func ExampleNewFeatureCollectionWriter() {
	rec := geo.Record{
		ID: geo.EventID("doc-1", "geonames:707688", "2022-09-14", "visit"),
		Properties: geo.Properties{
			DocID:       "doc-1",
			Published:   "2022-09-15",
			Place:       "Izyum",
			PlaceText:   "Izium",
			GeoNameID:   707688,
			FeatureCode: "PPLA2",
			CountryCode: "UA",
			Admin1:      "07",
			Population:  48000,
			Date:        "2022-09-14",
			DateStart:   "2022-09-14",
			DateEnd:     "2022-09-14",
			Precision:   "place",
			DateText:    "Sept. 14",
			People:      []string{"Volodymyr Zelenskyy"},
			Sentence:    "On Sept. 14 Zelenskyy visited Izium.",
			Start:       47,
			End:         52,
			Confidence:  0.9,
			Type:        "visit",
			Role:        "event",
			DateSource:  "sentence",
			Mentions:    1,
			Offsets:     []int{0, 36},
		},
		Lat: 49.2122049,
		Lon: 37.25696123,
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
	// {"id":"2532b3f324f5c88b","type":"Feature","geometry":{"type":"Point","coordinates":[37.256961,49.212205]},"properties":{"doc_id":"doc-1","source":"","title":"","url":"","published":"2022-09-15","place":"Izyum","place_text":"Izium","geonameid":707688,"feature_code":"PPLA2","country_code":"UA","admin1":"07","population":48000,"date":"2022-09-14","date_start":"2022-09-14","date_end":"2022-09-14","date_text":"Sept. 14","people":["Volodymyr Zelenskyy"],"location_precision":"place","sentence":"On Sept. 14 Zelenskyy visited Izium.","start":47,"end":52,"confidence":0.9,"type":"visit","role":"event","date_source":"sentence","mentions":1,"offsets":[0,36]}}
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
