package timex

import "github.com/geoparse/geoparse/internal/wordset"

// wid identifies a function word the grammar refers to by name.
type wid uint8

const (
	wNone wid = iota
	wThe
	wA
	wAn
	wLast
	wNext
	wThis
	wPast
	wComing
	wPrevious
	wFollowing
	wLatest
	wRecent
	wCurrent
	wEarly
	wLate
	wMid
	wMiddle
	wEarlier
	wLater
	wAgo
	wEvery
	wEach
	wOther
	wOf
	wAround
	wAbout
	wApprox
	wNearly
	wAlmost
	wMore
	wLess
	wThan
	wOver
	wLeast
	wAt
	wUp
	wTo
	wFew
	wSeveral
	wMany
	wSome
	wCouple
	wDozen
	wHundred
	wThousand
	wFiscal
	wHalf
	wEnd
	wBeginning
	wStart
	wNoon
	wMidnight
	wMidday
	wAM
	wPM
	wP
	wM
	wS
	wSt
	wNd
	wRd
	wTh
	wNow
	wCurrently
	wRecently
	wPreviously
	wLately
	wSoon
	wFuture
	wNowadays
	wPresently
	wToday
	wYesterday
	wTomorrow
	wTonight
	wOvernight
	wAnd
	wOr
	wSo
	wNear
	wIs
	wAre
	wWon
	wLL
	wClock // o'clock -> "clock"
	wO
	wIn
	wThese
	wThat
	wFor
	wDaily
	wWeekly
	wMonthly
	wYearly
	wAnnually
	wHourly
	wQuarterly
	wNightly
	wZone
	wCentury
	wBe
	wNot
	wPer
	wYearAgo // "year-ago" compounds handled via tokens
	wOld
	wSame
	wSet
	wDue
	wRight
	wAs
	wFormerly
	wSince
	wUntil
	wBy
	wDuring
	wFrom
	wThrough
	wBefore
	wAfter
	wTill
	wOld2
	wLong
	wTimes
	wTwice
	wFinal
	wFirst
	wMost
	wDistant
	wForeseeable
	wImmediate
	wWithin
	wBeing
	wAm
	wHas
	wHave
	wComparable
	wCorresponding
	wPeriod
	wAfterward
	wFull
	wSecond
	wEnded
)

type unit uint8

const (
	uNone unit = iota
	uSecond
	uMinute
	uHour
	uDay
	uWeek
	uFortnight
	uMonth
	uQuarter
	uYear
	uDecade
	uCentury
	uWeekend
)

// word is the static information about one lowercased word.
type word struct {
	id      wid
	month   int8 // 1..12
	mabbr   bool // month abbreviation ("sept", "jan")
	wday    int8 // 1..7 = Sunday..Saturday (+1)
	wplural bool // "mondays"
	num     int16
	numMul  bool // hundred, thousand
	ord     int8
	unit    unit
	plural  bool
	season  int8 // 1 SP 2 SU 3 FA 4 WI
	pod     int8 // 1 MO 2 AF 3 EV 4 NI
	tense   int8 // -1 past cue, +1 future cue
	abbr    bool // abbreviation that a following "." does not end a sentence
	noun    bool // a noun that makes a preceding 4-digit number a quantity
	starter bool // the word can begin an expression
	report  bool // a past reporting verb ("said", "told")
	decw    int8 // "twenties".."nineties": 2..9
}

var seasonCodes = [...]string{"", "SP", "SU", "FA", "WI"}
var podCodes = [...]string{"", "MO", "AF", "EV", "NI"}

var words map[string]*word

// vocabulary is words behind a filter (see package wordset): the scanner
// looks up every word of the text, and most are none of these.
var vocabulary *wordset.Map[*word]

func add(s string, w word) {
	if old, ok := words[s]; ok {
		// merge roles
		if w.id != 0 {
			old.id = w.id
		}
		if w.month != 0 {
			old.month, old.mabbr = w.month, w.mabbr
		}
		if w.num != 0 {
			old.num, old.numMul = w.num, w.numMul
		}
		if w.ord != 0 {
			old.ord = w.ord
		}
		if w.unit != 0 {
			old.unit, old.plural = w.unit, w.plural
		}
		if w.tense != 0 {
			old.tense = w.tense
		}
		if w.abbr {
			old.abbr = true
		}
		if w.noun {
			old.noun = true
		}
		if w.pod != 0 {
			old.pod = w.pod
		}
		if w.season != 0 {
			old.season = w.season
		}
		return
	}
	ww := w
	words[s] = &ww
}

func init() {
	words = make(map[string]*word, 512)
	months := []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}
	for i, m := range months {
		add(m, word{month: int8(i + 1)})
	}
	for i, m := range []string{"jan", "feb", "mar", "apr", "", "jun", "jul", "aug", "sep", "oct", "nov", "dec"} {
		if m != "" {
			add(m, word{month: int8(i + 1), mabbr: true, abbr: true})
		}
	}
	add("sept", word{month: 9, mabbr: true, abbr: true})
	for i, d := range []string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"} {
		add(d, word{wday: int8(i + 1)})
		add(d+"s", word{wday: int8(i + 1), wplural: true})
	}
	ones := []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
	for i, n := range ones[1:] {
		add(n, word{num: int16(i + 1)})
	}
	for i, n := range []string{"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"} {
		add(n, word{num: int16(20 + 10*i)})
	}
	add("fourty", word{num: 40})
	for i, n := range []string{"twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"} {
		add(n, word{decw: int8(i + 2)})
	}
	add("hundred", word{id: wHundred, num: 100, numMul: true})
	add("thousand", word{id: wThousand, num: 1000, numMul: true})
	add("dozen", word{id: wDozen, num: 12})
	ords := []string{"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"}
	for i, o := range ords {
		add(o, word{ord: int8(i + 1)})
	}
	add("thirtieth", word{ord: 30})
	words["first"].id = wFirst
	words["second"].id = wSecond
	units := []struct {
		s, p string
		u    unit
	}{
		{"second", "seconds", uSecond}, {"minute", "minutes", uMinute}, {"hour", "hours", uHour},
		{"day", "days", uDay}, {"week", "weeks", uWeek}, {"fortnight", "fortnights", uFortnight},
		{"month", "months", uMonth}, {"quarter", "quarters", uQuarter}, {"year", "years", uYear},
		{"decade", "decades", uDecade}, {"century", "centuries", uCentury}, {"weekend", "weekends", uWeekend},
	}
	for _, u := range units {
		add(u.s, word{unit: u.u})
		add(u.p, word{unit: u.u, plural: true})
	}
	for i, s := range []string{"spring", "summer", "fall", "winter"} {
		add(s, word{season: int8(i + 1)})
	}
	add("autumn", word{season: 3})
	for i, s := range []string{"morning", "afternoon", "evening", "night"} {
		add(s, word{pod: int8(i + 1)})
	}
	add("nights", word{pod: 4})
	ids := []struct {
		s  string
		id wid
	}{
		{"the", wThe}, {"a", wA}, {"an", wAn}, {"last", wLast}, {"next", wNext}, {"this", wThis},
		{"past", wPast}, {"coming", wComing}, {"previous", wPrevious}, {"following", wFollowing},
		{"latest", wLatest}, {"recent", wRecent}, {"current", wCurrent}, {"early", wEarly},
		{"late", wLate}, {"mid", wMid}, {"middle", wMiddle}, {"earlier", wEarlier}, {"later", wLater},
		{"ago", wAgo}, {"every", wEvery}, {"each", wEach}, {"other", wOther}, {"of", wOf},
		{"around", wAround}, {"about", wAbout}, {"approximately", wApprox}, {"roughly", wApprox},
		{"nearly", wNearly}, {"almost", wAlmost}, {"more", wMore}, {"less", wLess},
		{"than", wThan}, {"over", wOver}, {"least", wLeast}, {"at", wAt}, {"up", wUp}, {"to", wTo},
		{"few", wFew}, {"several", wSeveral}, {"many", wMany}, {"some", wSome}, {"couple", wCouple},
		{"fiscal", wFiscal}, {"half", wHalf}, {"end", wEnd}, {"beginning", wBeginning}, {"start", wStart},
		{"noon", wNoon}, {"midnight", wMidnight}, {"midday", wMidday}, {"am", wAM}, {"pm", wPM},
		{"p", wP}, {"m", wM}, {"s", wS}, {"st", wSt}, {"nd", wNd}, {"rd", wRd}, {"th", wTh},
		{"now", wNow}, {"currently", wCurrently}, {"recently", wRecently}, {"previously", wPreviously},
		{"lately", wLately}, {"soon", wSoon}, {"future", wFuture}, {"nowadays", wNowadays},
		{"presently", wPresently}, {"today", wToday}, {"yesterday", wYesterday}, {"tomorrow", wTomorrow},
		{"tonight", wTonight}, {"overnight", wOvernight}, {"and", wAnd}, {"or", wOr}, {"so", wSo},
		{"near", wNear}, {"is", wIs}, {"are", wAre}, {"won", wWon}, {"ll", wLL}, {"clock", wClock},
		{"o", wO}, {"in", wIn}, {"these", wThese}, {"that", wThat}, {"for", wFor},
		{"daily", wDaily}, {"weekly", wWeekly}, {"monthly", wMonthly}, {"yearly", wYearly},
		{"annually", wAnnually}, {"hourly", wHourly}, {"quarterly", wQuarterly}, {"nightly", wNightly},
		{"be", wBe}, {"not", wNot}, {"per", wPer}, {"old", wOld}, {"same", wSame}, {"set", wSet}, {"due", wDue}, {"right", wRight}, {"as", wAs}, {"formerly", wFormerly}, {"since", wSince}, {"until", wUntil}, {"by", wBy}, {"during", wDuring}, {"from", wFrom}, {"through", wThrough}, {"before", wBefore}, {"after", wAfter}, {"till", wTill}, {"long", wLong}, {"times", wTimes}, {"twice", wTwice}, {"final", wFinal}, {"initial", wFinal}, {"most", wMost}, {"distant", wDistant}, {"foreseeable", wForeseeable}, {"immediate", wImmediate}, {"within", wWithin}, {"being", wBeing}, {"has", wHas}, {"have", wHave}, {"comparable", wComparable}, {"corresponding", wCorresponding}, {"period", wPeriod}, {"afterward", wAfterward}, {"full", wFull}, {"ended", wEnded}, {"ending", wEnded}, {"afterwards", wAfterward},
	}
	for _, x := range ids {
		add(x.s, word{id: x.id})
	}
	for _, z := range []string{"edt", "est", "cdt", "cst", "mdt", "mst", "pdt", "pst", "gmt", "utc", "bst", "cet", "cest", "eet", "eest", "ist", "jst", "msk", "aest", "et", "pt", "ct"} {
		add(z, word{id: wZone})
	}
	starters := map[wid]bool{wThe: true, wA: true, wAn: true, wLast: true, wNext: true, wThis: true, wPast: true,
		wComing: true, wPrevious: true, wFollowing: true, wLatest: true, wRecent: true, wCurrent: true, wEarly: true,
		wLate: true, wMid: true, wEarlier: true, wLater: true, wEvery: true, wEach: true, wAround: true, wAbout: true,
		wApprox: true, wNearly: true, wAlmost: true, wMore: true, wLess: true, wOver: true, wAt: true, wUp: true,
		wFew: true, wSeveral: true, wMany: true, wSome: true, wCouple: true, wFiscal: true, wNoon: true,
		wMidnight: true, wMidday: true, wNow: true, wCurrently: true, wRecently: true, wPreviously: true,
		wLately: true, wFormerly: true, wSoon: true, wNowadays: true, wPresently: true, wToday: true,
		wYesterday: true, wTomorrow: true, wTonight: true, wOvernight: true, wThese: true, wDaily: true, wWeekly: true,
		wMonthly: true, wYearly: true, wAnnually: true, wHourly: true, wQuarterly: true, wNightly: true,
		wDozen: true, wFinal: true, wFuture: true, wThat: true, wHalf: true, wRight: true}
	defer func() {
		for _, w := range words {
			w.starter = w.month != 0 || w.wday != 0 || w.num != 0 || w.ord != 0 || w.unit != 0 ||
				w.season != 0 || w.pod != 0 || w.decw != 0 || starters[w.id]
		}
	}()
	// Tense cues.
	for _, s := range []string{"will", "shall", "scheduled", "schedule", "plans", "plan", "planning", "expected", "expects", "expect", "upcoming", "next", "tomorrow", "due", "intends", "intend", "aims", "hopes", "would", "going", "set", "ll", "to"} {
		add(s, word{tense: 1})
	}
	words["to"].tense = 0 // handled with "is to"
	words["set"].tense = 0
	for _, s := range []string{"was", "were", "had", "did", "said", "ago", "last", "yesterday", "earlier", "went", "came", "took", "made", "told", "gave", "saw", "met", "held", "began", "fell", "rose", "won", "lost", "left", "found", "got", "sent", "spent", "brought", "thought", "built", "led", "paid", "sold", "bought", "struck", "fought", "broke", "spoke", "wrote", "ran", "stood", "became", "knew", "kept", "fled", "shot", "hit", "quit", "cut", "felt", "heard", "meant", "taught", "caught", "drew", "threw", "flew", "grew", "chose", "woke", "wore", "ate", "drove", "rode", "swore", "tore", "slid", "sank", "shook", "arose", "overtook", "withdrew", "undertook", "forgot", "bore", "dealt", "sought", "lay", "laid", "hid", "bit", "lit", "slept", "swept", "wept", "crept", "clung", "flung", "hung", "stung", "swung", "wrung", "spun", "sat", "became", "forecast"} {
		add(s, word{tense: -1})
	}
	words["hit"].tense = 0
	// Reporting verbs: the reported event can lie on either side of the report.
	for _, s := range []string{"said", "told", "says", "reported", "announced", "added", "stated", "noted", "declared", "disclosed", "confirmed"} {
		if w, ok := words[s]; ok {
			w.tense = 0
		} else {
			add(s, word{})
		}
		words[s].report = s != "says"
	}
	words["cut"].tense = 0
	words["forecast"].tense = 0
	words["set"].tense = 0
	// Words ending in -ed that are not past verbs.
	for _, s := range []string{"indeed", "proceed", "exceed", "succeed", "hundred", "hundreds", "breed", "speed", "greed", "steed", "tweed", "bleed", "creed", "need", "seed", "feed", "weed", "deed", "embed"} {
		add(s, word{})
	}
	// Abbreviations after which "." does not end a sentence.
	for _, s := range []string{"mr", "mrs", "ms", "dr", "st", "gen", "gov", "sen", "rep", "jr", "sr", "inc", "corp", "co", "ltd", "lt", "col", "capt", "sgt", "maj", "prof", "vs", "no", "u", "a", "m", "p", "e", "i", "j"} {
		add(s, word{abbr: true})
	}
	// Nouns that make a preceding number a quantity rather than a year.
	for _, s := range []string{"people", "persons", "troops", "soldiers", "km", "kilometers", "kilometres", "miles", "meters", "metres", "feet", "tons", "tonnes", "dollars", "euros", "pounds", "yen", "shares", "barrels", "percent", "units", "cars", "acres", "homes", "houses", "jobs", "workers", "employees", "votes", "residents", "refugees", "deaths", "cases", "points", "children", "students", "members", "men", "women", "civilians", "square", "hectares", "kg", "mph", "ft", "m", "km2", "times", "copies", "rooms", "seats", "delegates", "patients", "pages", "words", "calories", "vehicles", "tanks", "rockets", "missiles", "prisoners", "candidates", "others", "more", "fewer", "million", "billion"} {
		add(s, word{noun: true})
	}
	vocabulary = wordset.Of(words)
}
