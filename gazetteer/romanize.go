package gazetteer

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Romanize writes a Cyrillic place name in Latin letters with the official
// national system of the country whose name it is, so that a name known
// only in Cyrillic can be indexed, looked up and shown in the spelling that
// country itself uses. It returns the romanized name and true when
// countryCode (ISO 3166-1 alpha-2, either case) is UA, RU, BY or BG and name
// holds at least one Cyrillic letter; otherwise "" and false.
//
// The systems, each diacritic-free (the index strips Latin diacritics, so a
// letter with one would be folded into another letter):
//
//   - UA: Ukraine's national transliteration, Resolution No. 55 of the
//     Cabinet of Ministers of Ukraine of 27 January 2010. It is the legal
//     system for Ukrainian names in Latin letters, used in passports, on
//     road signs and maps, and the one the UN (2012) and the US and UK
//     (BGN/PCGN 2019) adopted for Ukrainian geographical names: Kharkiv,
//     Zaporizhzhia, Yahotyn, Zghorany.
//   - RU: the transliteration of ICAO Doc 9303 (machine-readable travel
//     documents), which Russia adopted for its international passports by
//     Order of the Federal Migration Service No. 320 of 15 October 2012 (in
//     force 2013): the official Latin spelling of Russian names in
//     passports, and diacritic-free, where the national standard GOST
//     7.79-2000 (ISO 9) writes diacritics and marks (ž, č, ʺ). English
//     text's Yaroslavl (BGN/PCGN) and this Iaroslavl share a romanization
//     variant key. Shchelkovo, Iaroslavl, Podieiachevo.
//   - BY: Belarus's Instruction on transliteration of Belarusian
//     geographical names with letters of the Latin script (State Committee
//     on Land Resources, Geodesy and Cartography, 23 November 2000, as
//     amended 11 June 2007 to meet the UN's recommendations), the system
//     the UN (UNGEGN) recommends for Belarusian geographical names; the
//     system Belarus adopted for its own use in 2023 is not followed here.
//     Its letters with an acute or a breve are written without them, and
//     its letters with a háček (ž, č, š) as digraphs (zh, ch, sh) rather
//     than bare z, c, s, which would merge them with з, ц, с; see
//     romanBYTable for the divergences. Minsk, Homiel, Mahiliou.
//   - BG: Bulgaria's Streamlined System, Transliteration Act (State Gazette
//     No. 19 of 13 March 2009), the only legal system for Bulgarian names in
//     Latin letters, also adopted by the UN (2012) and BGN/PCGN (2013),
//     with its word-final ия → ia and its one word-level exception,
//     България → Bulgaria: Sofia, Plovdiv, Targovishte.
//
// Each Cyrillic letter keeps its case: an upper-case letter becomes an
// upper-case first letter ("Щёлково" → "Shchelkovo"), or all upper case
// when its neighbour in the word is upper case too ("ЩЁЛКОВО" →
// "SHCHELKOVO"). Everything that is not a Cyrillic letter (spaces, hyphens,
// digits, Latin letters) is kept as it is, except for an apostrophe (' ’ ʼ
// and the like) between two Cyrillic letters, which every system here drops
// (Ukrainian and Belarusian write it; the Belarusian system makes it turn
// the next е, ё, ю, я into je, jo, ju, ja). Stress accents on Cyrillic
// letters are dropped, and й, ў, ё, ї written as a letter and a combining
// mark are read as the single letter. A letter of another Cyrillic
// alphabet (Kazakh ә, Serbian ђ …) for which the country's system has no
// rule is kept as it is. A letter of a neighbouring Cyrillic alphabet
// (Russian ы in a Ukrainian name, Ukrainian і in a Bulgarian one …) gets
// the nearest spelling of the country's system; see the tables.
func Romanize(name, countryCode string) (string, bool) {
	var sys romanSystem
	switch strings.ToUpper(countryCode) {
	case "UA":
		sys = romanUA
	case "RU":
		sys = romanRU
	case "BY":
		sys = romanBY
	case "BG":
		sys = romanBG
	default:
		return "", false
	}
	if !romanHasCyrillic(name) {
		return "", false
	}
	rs := romanRunes(name)
	var b strings.Builder
	b.Grow(2 * len(name))
	for i, t := range rs {
		if !romanCyrillic(t.r) {
			b.WriteRune(t.r)
			continue
		}
		lower := unicode.ToLower(t.r)
		var out string
		var ok bool
		switch sys {
		case romanUA:
			out, ok = romanizeUA(rs, i, lower)
		case romanRU:
			out, ok = romanRUTable[lower]
		case romanBY:
			out, ok = romanizeBY(rs, i, lower)
		case romanBG:
			out, ok = romanizeBG(rs, i, lower)
		}
		if !ok {
			b.WriteRune(t.r) // a letter the system has no rule for
			continue
		}
		if unicode.IsUpper(t.r) && out != "" {
			if romanAllCaps(rs, i) {
				out = strings.ToUpper(out)
			} else {
				r, n := utf8.DecodeRuneInString(out)
				out = string(unicode.ToUpper(r)) + out[n:]
			}
		}
		b.WriteString(out)
	}
	return b.String(), true
}

type romanSystem uint8

const (
	romanUA romanSystem = iota + 1
	romanRU
	romanBY
	romanBG
)

// romanRune is one character of a name prepared for romanization; sep is
// set on a letter that followed an apostrophe dropped from inside a word.
type romanRune struct {
	r   rune
	sep bool
}

// romanUATable is the table of Resolution No. 55 (2010) for the letters
// whose spelling does not depend on their place: г is h (gh after з, see
// romanizeUA), и is y, ь and the apostrophe are not written. є, ї, й, ю, я
// here are their spellings inside a word; at the start of a word they are
// ye, yi, y, yu, ya. ё, ъ, ы, э (Russian) and ў (Belarusian) are not
// Ukrainian letters: they get the spelling of their Ukrainian equivalents
// (йо/ьо, the apostrophe, и, е, в/у).
var romanUATable = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "h", 'ґ': "g", 'д': "d", 'е': "e",
	'є': "ie", 'ж': "zh", 'з': "z", 'и': "y", 'і': "i", 'ї': "i", 'й': "i",
	'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r",
	'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch",
	'ш': "sh", 'щ': "shch", 'ь': "", 'ю': "iu", 'я': "ia",
	// Not Ukrainian letters.
	'ё': "io", 'ъ': "", 'ы': "y", 'э': "e", 'ў': "u",
}

// romanUAInitial holds the word-initial spellings of Resolution No. 55.
var romanUAInitial = map[rune]string{
	'є': "ye", 'ї': "yi", 'й': "y", 'ю': "yu", 'я': "ya", 'ё': "yo",
}

// romanizeUA romanizes the letter rs[i], lower case lower, of a Ukrainian
// name: the word-initial forms of є, ї, й, ю, я (Yenakiieve, Yizhakevych,
// Yosypivka, Yuzhne, Yahotyn) and "zgh" for зг (Zghorany, Rozghon), which
// the resolution prescribes so that зг is not read as ж (zh).
func romanizeUA(rs []romanRune, i int, lower rune) (string, bool) {
	if s, ok := romanUAInitial[lower]; ok && romanWordStart(rs, i) {
		return s, true
	}
	if lower == 'г' && i > 0 && !rs[i].sep && unicode.ToLower(rs[i-1].r) == 'з' {
		return "gh", true
	}
	s, ok := romanUATable[lower]
	return s, ok
}

// romanRUTable is the ICAO Doc 9303 table for Russian as Order No. 320
// (2012) applies it: ё is e, й is i, ъ is ie, ь is not written, ю is iu, я
// is ia, with no rule of context. ґ, є, і, ї, ў are ICAO's spellings for
// the letters of Ukrainian and Belarusian (г being g for Russian).
var romanRUTable = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e",
	'ж': "zh", 'з': "z", 'и': "i", 'й': "i", 'к': "k", 'л': "l", 'м': "m",
	'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u",
	'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch",
	'ъ': "ie", 'ы': "y", 'ь': "", 'э': "e", 'ю': "iu", 'я': "ia",
	// ICAO's rows for the other East Slavic letters.
	'ґ': "g", 'є': "ie", 'і': "i", 'ї': "i", 'ў': "u",
}

// romanBYTable is the Belarusian table of the 2007 Instruction for the
// letters whose spelling does not depend on their place, written without
// diacritics. The official table and the divergences:
//
//	official        here        why
//	ž č š           zh ch sh    the index would strip the háček, merging
//	                            ж, ч, ш with з, ц, с; the digraphs keep
//	                            them apart. ч and х (official ch) do fall
//	                            together as ch.
//	ŭ (ў)           u           the breve is dropped: ў falls together
//	                            with у.
//	ć ĺ ń ś ź       c l n s z   the acute the Instruction writes on a
//	(consonant+ь)               consonant before ь (Homieĺ, Fanipaĺ) is
//	                            dropped: ь is not written, softness is
//	                            lost.
//
// Everything else is the official table: г h, й j, х ch, ц c, ы y, э e,
// the apostrophe not written; е, ё, ю, я are je, jo, ju, ja or ie, io, iu,
// ia (romanizeBY). и, щ, ъ, ї, є are not Belarusian letters (a name spelt
// in Russian or Ukrainian): и is i (Belarusian і), щ is shch (Belarusian
// шч), ъ is not written (Belarusian apostrophe), ї is ji (йі) and є is
// read as е.
var romanBYTable = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "h", 'ґ': "g", 'д': "d", 'ж': "zh",
	'з': "z", 'і': "i", 'й': "j", 'к': "k", 'л': "l", 'м': "m", 'н': "n",
	'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ў': "u",
	'ф': "f", 'х': "ch", 'ц': "c", 'ч': "ch", 'ш': "sh", 'ы': "y", 'ь': "",
	'э': "e",
	// Not Belarusian letters.
	'и': "i", 'щ': "shch", 'ъ': "", 'ї': "ji",
}

// romanBYIotated holds the vowel of е, ё, ю, я (and є), written after j or
// i.
var romanBYIotated = map[rune]string{
	'е': "e", 'ё': "o", 'ю': "u", 'я': "a", 'є': "e",
}

// romanizeBY romanizes the letter rs[i], lower case lower, of a Belarusian
// name: е, ё, ю, я are je, jo, ju, ja at the start of a word and after a
// vowel, ў, an apostrophe or a separating ь (Jelsk, Jody, Babajedava,
// Iuje, Vierabjovichy), and ie, io, iu, ia after a consonant (Homiel,
// Mahiliou, Niasvizh), as the Instruction says.
func romanizeBY(rs []romanRune, i int, lower rune) (string, bool) {
	if v, ok := romanBYIotated[lower]; ok {
		if romanWordStart(rs, i) || rs[i].sep {
			return "j" + v, true
		}
		if p := unicode.ToLower(rs[i-1].r); p == 'ў' || p == 'ь' || p == 'ъ' || romanBYVowel(p) {
			return "j" + v, true
		}
		return "i" + v, true
	}
	s, ok := romanBYTable[lower]
	return s, ok
}

// romanBYVowel reports whether r, lower case, is a vowel letter, Cyrillic
// or Latin (Belarusian names are often typed with a Latin i for і).
func romanBYVowel(r rune) bool {
	switch r {
	case 'а', 'е', 'ё', 'і', 'о', 'у', 'ы', 'э', 'ю', 'я', 'и', 'є', 'ї',
		'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// romanBGTable is the table of the Transliteration Act (2009): ж zh, х h,
// ц ts, ч ch, ш sh, щ sht, ъ a, ь y, ю yu, я ya, й y. ё, ы, э, і, ї, є, ґ,
// ў are not Bulgarian letters: they get the spelling of their Bulgarian
// equivalents (йо/ьо, и, е, и, йи, йе, г, у).
var romanBGTable = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ж': "zh",
	'з': "z", 'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n",
	'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f",
	'х': "h", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "sht", 'ъ': "a",
	'ь': "y", 'ю': "yu", 'я': "ya",
	// Not Bulgarian letters.
	'ё': "yo", 'ы': "y", 'э': "e", 'і': "i", 'ї': "yi", 'є': "ye", 'ґ': "g",
	'ў': "u",
}

// romanizeBG romanizes the letter rs[i], lower case lower, of a Bulgarian
// name: я is a rather than ya in the word-final ия the Act singles out
// (София → Sofia), and the Act's one exception, the word България, is
// Bulgaria rather than Balgaria.
func romanizeBG(rs []romanRune, i int, lower rune) (string, bool) {
	if lower == 'я' && i > 0 && unicode.ToLower(rs[i-1].r) == 'и' && !rs[i].sep &&
		!romanLetterAt(rs, i+1) {
		return "a", true
	}
	if lower == 'ъ' && romanWordIs(rs, i, "българия") {
		return "u", true
	}
	s, ok := romanBGTable[lower]
	return s, ok
}

// romanRunes prepares name for romanization: an apostrophe between two
// Cyrillic letters is dropped (and the letter after it marked sep), a
// combining breve or diaeresis on и, у, е, і is composed with it (й, ў, ё,
// ї), any other combining mark on a Cyrillic letter (a stress accent) is
// dropped, and ѐ, ѝ (accented е, и) become е, и.
func romanRunes(name string) []romanRune {
	rs := make([]romanRune, 0, utf8.RuneCountInString(name))
	sep := false
	for i, r := range name {
		n := len(rs)
		prevCyr := n > 0 && romanCyrillic(rs[n-1].r)
		switch {
		case unicode.Is(unicode.Mn, r) && prevCyr:
			if c, ok := romanCompose(rs[n-1].r, r); ok {
				rs[n-1].r = c
			}
			continue
		case romanApostrophe(r) && prevCyr:
			next, _ := utf8.DecodeRuneInString(name[i+utf8.RuneLen(r):])
			if romanCyrillic(next) {
				sep = true
				continue
			}
		}
		switch r {
		case 'ѐ':
			r = 'е'
		case 'Ѐ':
			r = 'Е'
		case 'ѝ':
			r = 'и'
		case 'Ѝ':
			r = 'И'
		}
		rs = append(rs, romanRune{r: r, sep: sep})
		sep = false
	}
	return rs
}

// romanCompose composes a Cyrillic letter with a combining mark into the
// single letter the pair spells in these alphabets.
func romanCompose(base, mark rune) (rune, bool) {
	switch mark {
	case '\u0306': // combining breve
		switch base {
		case 'и':
			return 'й', true
		case 'И':
			return 'Й', true
		case 'у':
			return 'ў', true
		case 'У':
			return 'Ў', true
		}
	case '\u0308': // combining diaeresis
		switch base {
		case 'е':
			return 'ё', true
		case 'Е':
			return 'Ё', true
		case 'і':
			return 'ї', true
		case 'І':
			return 'Ї', true
		}
	}
	return 0, false
}

// romanApostrophe reports whether r is one of the characters written for
// the Ukrainian and Belarusian apostrophe.
func romanApostrophe(r rune) bool {
	switch r {
	case '\'', '`', '´', '‘', '’', '′', 'ʹ', 'ʻ', 'ʼ', 'ˈ', '＇':
		return true
	}
	return false
}

func romanCyrillic(r rune) bool {
	return r >= 0x0400 && unicode.Is(unicode.Cyrillic, r) && unicode.IsLetter(r)
}

func romanHasCyrillic(s string) bool {
	for _, r := range s {
		if romanCyrillic(r) {
			return true
		}
	}
	return false
}

// romanLetterAt reports whether rs[i] exists and is a letter.
func romanLetterAt(rs []romanRune, i int) bool {
	return i >= 0 && i < len(rs) && unicode.IsLetter(rs[i].r)
}

// romanWordIs reports whether the word (run of letters) holding rs[i] is
// word, in any case.
func romanWordIs(rs []romanRune, i int, word string) bool {
	k := i
	for romanLetterAt(rs, k-1) {
		k--
	}
	for _, r := range word {
		if k >= len(rs) || unicode.ToLower(rs[k].r) != r {
			return false
		}
		k++
	}
	return !romanLetterAt(rs, k)
}

// romanWordStart reports whether rs[i] begins a word: no letter, nor a
// dropped apostrophe, comes right before it.
func romanWordStart(rs []romanRune, i int) bool {
	return !rs[i].sep && !romanLetterAt(rs, i-1)
}

// romanAllCaps reports whether the upper-case letter rs[i] is written in a
// word in upper case: the next letter of the word is upper case too, or,
// at the end of the word, the one before it.
func romanAllCaps(rs []romanRune, i int) bool {
	if romanLetterAt(rs, i+1) {
		return unicode.IsUpper(rs[i+1].r)
	}
	return romanLetterAt(rs, i-1) && unicode.IsUpper(rs[i-1].r)
}
