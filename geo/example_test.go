package geo_test

import (
	"log"
	"os"

	"github.com/geoparse/geoparse/geo"
)

func ExampleNewFeatureCollectionWriter() {
	rec := geo.Record{
		ID: geo.RecordID("doc-1", 707688, "2022-09-14", 47),
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
			DateText:    "Sept. 14",
			People:      []string{"Volodymyr Zelenskyy"},
			Sentence:    "On Sept. 14 Zelenskyy visited Izium.",
			Start:       47,
			End:         52,
			Confidence:  0.9,
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
	// {"id":"1949641314b11a78","type":"Feature","geometry":{"type":"Point","coordinates":[37.256961,49.212205]},"properties":{"doc_id":"doc-1","title":"","url":"","published":"2022-09-15","place":"Izyum","place_text":"Izium","geonameid":707688,"feature_code":"PPLA2","country_code":"UA","admin1":"07","population":48000,"date":"2022-09-14","date_text":"Sept. 14","people":["Volodymyr Zelenskyy"],"sentence":"On Sept. 14 Zelenskyy visited Izium.","start":47,"end":52,"confidence":0.9}}
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
	// {"id":"a1","type":"Feature","geometry":{"type":"Point","coordinates":[30.5238,50.45466]},"properties":{"doc_id":"d","title":"","url":"","published":"","place":"Kyiv","place_text":"","geonameid":703448,"feature_code":"","country_code":"","admin1":"","population":0,"date":"","date_text":"","people":[],"sentence":"","start":0,"end":0,"confidence":1.0}}
	// {"id":"b2","type":"Feature","geometry":{"type":"Point","coordinates":[24.02324,49.83826]},"properties":{"doc_id":"d","title":"","url":"","published":"","place":"Lviv","place_text":"","geonameid":702550,"feature_code":"","country_code":"","admin1":"","population":0,"date":"","date_text":"","people":[],"sentence":"","start":0,"end":0,"confidence":0.5}}
}
