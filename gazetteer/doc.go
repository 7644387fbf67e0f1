// Package gazetteer finds the places that names in news text may refer to
// and chooses among them.
//
// It imports GeoNames tables, up to the whole dump (allCountries and
// alternateNamesV2, zipped or plain), into a compact, read-only index
// (Build, which streams and sorts names on disk in bounded memory), opens
// it in place without decoding it (Open memory-maps it; Default reads the
// embedded bytes), looks names up exactly after normalization (Lookup,
// Normalize: case, diacritics, apostrophes, dots and dashes do not matter;
// the romanization variants of Ukrainian and Russian names when the exact
// name is unknown) or within an edit or two (LookupFuzzy, a bit-parallel
// Levenshtein automaton walking a trie of the names and one of the names
// reversed), and resolves all place mentions of one
// document together (Resolve): population, kind of place (country >
// division > capital > seat > village), qualifiers ("Paris, Texas"),
// generic region words ("Kharkiv region" is the oblast, not the city) and
// the document's countries decide.
//
// An index is a directory holding gazetteer.idx and info.json. The index
// file holds a hash table from normalized names to postings of record
// numbers (exact lookups: one or two cache misses), radix tries of the
// same names forward and turned round after their first byte (fuzzy
// lookups), a vellum FST from romanization variant keys, fixed-width
// records (geonameid, coordinates in 1e-5°, population, feature code,
// country, admin1) and a string table. info.json names the source files
// with their sizes and SHA-256 and the filters of the build; builds are
// deterministic, byte for byte. Each section has a CRC-32C checksum;
// info.json has a SHA-256 of itself and names the index file it describes
// by its size and the SHA-256 of its header (see info.go). Open reads the
// index file into memory of its own and checks all of that, so an opened
// index is immune to later changes of its files; Index.Verify checks the
// sections again whenever asked. An index that is damaged, of another
// format version, or whose two files come from different builds, is
// refused with a request to rebuild it.
//
// The default index, embedded in the package, is built by
// scripts/gazetteer.sh from:
//
//   - GeoNames (https://www.geonames.org): cities500.txt (places of 500
//     people or more with all their alternate names), admin1CodesASCII.txt,
//     admin2Codes.txt, countryInfo.txt, the alternate names of countries,
//     and the postal-code places of 117 countries (villages cities500
//     lacks; Cyrillic names romanized by Romanize and kept in Cyrillic).
//     Licence: Creative Commons Attribution 4.0 (CC BY 4.0). Credit
//     "GeoNames (geonames.org)" wherever the data is shown.
//   - Natural Earth (public domain): first-level divisions (label points,
//     names, translations, abbreviations and postal codes), seas,
//     mountains, islands and capes.
//   - US Census Bureau gazetteer of counties (public domain): the points
//     of US counties, joined to GeoNames' admin2 ids by FIPS code.
//   - dr5hn/countries-states-cities-database (countries.csv, states.csv):
//     points for countries (measured closer to where corpora put them than
//     the centroids of GeoNames' outlines), English names of divisions and
//     demonyms. Licence: Open Database License 1.0 (ODbL 1.0); an index
//     that contains it is a derived database under ODbL terms.
//   - The macro-regions of macroregions.go ("Middle East", "Sahel").
//
// Entries that no source gives a geonameid (postal villages, seas,
// macro-regions) have ids of 2^31 and above (Entry.IsSynthetic).
//
// Index and Entry values are safe for concurrent use; the package keeps no
// mutable global state.
package gazetteer
