package extract

import (
	"strings"

	"github.com/geoparse/geoparse/internal/wordset"
)

// Event types: a small taxonomy, chosen from the words of the sentence by
// the lexical rules of [eventType]. The trigger words of each type (verbs
// in their usual inflections, and nouns) are listed in init below.
//
//	type        verbs (examples)                          nouns (examples)
//	visit       visited, traveled, arrived, toured, met    visit, trip, tour
//	attack      attacked, shelled, bombed, struck, fired   attack, strike, shelling, missile, explosion
//	movement    withdrew, retreated, advanced, regained,   withdrawal, counteroffensive, offensive,
//	            retook, captured, liberated, deployed      invasion, occupation
//	casualties  killed, died, wounded, injured, buried     bodies, dead, casualties, victims, graves
//	discovery   found, discovered, uncovered, unearthed    discovery
//	ceremony    celebrated, commemorated, inaugurated      ceremony, flag-raising, parade, funeral, memorial
//	disaster    flooded, burned, erupted, collapsed        fire, flood, earthquake, storm, wildfire
//	statement   said, told, announced, declared, added     statement, speech, remarks, interview
//	investigation investigated, probed                     investigation, investigators, inquiry, probe
//	other       (none of the above)
//
// "movement" stands for military movement.
//
// The choice, in order: the first trigger word (verb or noun) of the
// sentence's main clause (the words before the first subordinating word
// such as "after", "when", "where", "which", or after the leading clause
// of a sentence that starts with one); else the first trigger word of the
// rest of the sentence; else a statement verb or noun anywhere; else
// "other". So "Civilian bodies were found" is casualties, "investigators
// were looking into reports of civilians killed" an investigation. Statement words are weak
// because a reported sentence ("X said investigators were looking into
// …") is about what was said; light verbs ("attends", "holds", "takes
// part") trigger nothing, so "attends a ceremony" is a ceremony.
const (
	TypeVisit         = "visit"
	TypeAttack        = "attack"
	TypeMovement      = "movement"
	TypeCasualties    = "casualties"
	TypeDiscovery     = "discovery"
	TypeCeremony      = "ceremony"
	TypeDisaster      = "disaster"
	TypeStatement     = "statement"
	TypeInvestigation = "investigation"
	TypeOther         = "other"
)

// EventTypes lists the event types, most specific first.
var EventTypes = []string{TypeVisit, TypeAttack, TypeMovement, TypeCasualties, TypeDiscovery, TypeCeremony, TypeDisaster, TypeInvestigation, TypeStatement, TypeOther}

// Place roles: see [Place.Role]. Only [RoleEvent] places make events by
// default; the others say why a place is not where something happened.
const (
	// RoleEvent: something is said to happen there.
	RoleEvent = "event"
	// RoleOrigin: where people or things came from ("volunteers from X",
	// "arrived on a flight from X", "a teenager from X").
	RoleOrigin = "origin"
	// RolePlanned: a planned, forecast, possible or postponed happening
	// ("will visit X on Friday", "is expected to reach X", a date still to
	// come).
	RolePlanned = "planned"
	// RoleDestination: where people or things were sent or are headed
	// ("flown to a hospital in X", "bound for X", "the race to X").
	RoleDestination = "destination"
	// RoleBackground: history or an earlier, different happening ("shown
	// in X last year", "since 2019", "in the 1990s").
	RoleBackground = "background"
	// RoleContainer: a country or region that only locates a more specific
	// place of the article ("KHARKIV, Ukraine —", "X in Y province").
	RoleContainer = "container"
	// RoleMention: only named: a reference point ("40 km south of X"), the
	// seat of an organisation or of a commentator ("an analyst in X",
	// "X-based"), a list member, a comparison, a quotation.
	RoleMention = "mention"
	// RoleMetonym: it stands for its government or people ("Kyiv
	// launched", "Russia's withdrawal").
	RoleMetonym = "metonym"
	// RoleHeadline: inside a headline or page furniture, such as the
	// ALL-CAPS headline of another story.
	RoleHeadline = "headline"
)

// Roles lists the place roles.
var Roles = []string{RoleEvent, RoleOrigin, RolePlanned, RoleDestination, RoleBackground, RoleContainer, RoleMention, RoleMetonym, RoleHeadline}

type trigger struct {
	typ  string
	verb bool
}

// triggerWords are the trigger words of init behind a filter (see
// package wordset): every token of a sentence is looked up, and most are
// no trigger.
var triggerWords *wordset.Map[trigger]

// addTriggers adds words to m, each with its first type.
func addTriggers(m map[string]trigger, typ string, verb bool, words string) {
	for _, w := range strings.Fields(words) {
		if _, dup := m[w]; !dup {
			m[w] = trigger{typ, verb}
		}
	}
}

func init() {
	m := map[string]trigger{}
	addTriggers(m, TypeVisit, true, "visit visits visited visiting travel travels traveled travelled traveling travelling arrive arrives arrived arriving tour tours toured touring met meets")
	addTriggers(m, TypeVisit, false, "trip trips tour visit")
	addTriggers(m, TypeAttack, true, "attack attacks attacked attacking shell shells shelled bomb bombs bombed bombing strike strikes struck striking fired firing raid raided assault assaulted shoot shot shooting stab stabbed ambushed targeted explode exploded exploding")
	addTriggers(m, TypeAttack, false, "attack attacks shelling strike strikes airstrike airstrikes air-strike missile missiles rocket rockets explosion explosions blast blasts bombardment drone drones raid assault gunfire")
	addTriggers(m, TypeMovement, true, "withdraw withdraws withdrew withdrawn withdrawing retreat retreats retreated retreating advance advances advanced advancing regain regains regained regaining retake retakes retook retaken retaking recapture recaptures recaptured recapturing capture captures captured capturing liberate liberates liberated liberating seize seizes seized seizing occupy occupies occupied invade invades invaded invading deploy deploys deployed deploying evacuate evacuated marched pushed reclaimed")
	addTriggers(m, TypeMovement, false, "withdrawal retreat advance counteroffensive counter-offensive offensive invasion occupation deployment incursion")
	addTriggers(m, TypeCasualties, true, "kill kills killed killing die dies died dying wound wounds wounded injure injures injured injuring bury buries buried executed tortured")
	addTriggers(m, TypeCasualties, false, "bodies body dead deaths death casualties victims graves grave corpses fatalities toll")
	addTriggers(m, TypeDiscovery, true, "found find finds discover discovers discovered discovering uncover uncovers uncovered unearthed unearth exhumed located")
	addTriggers(m, TypeDiscovery, false, "discovery discoveries exhumation")
	addTriggers(m, TypeCeremony, true, "celebrate celebrates celebrated celebrating commemorate commemorated inaugurate inaugurated honored honoured")
	addTriggers(m, TypeCeremony, false, "ceremony ceremonies flag-raising parade funeral memorial commemoration inauguration celebration celebrations vigil")
	addTriggers(m, TypeDisaster, true, "flood floods flooded flooding burn burns burned burnt burning erupt erupted collapse collapsed swept sweep sweeps")
	addTriggers(m, TypeDisaster, false, "flood floods flooding fire fires wildfire wildfires blaze earthquake quake storm storms hurricane typhoon landslide drought tornado")
	addTriggers(m, TypeInvestigation, true, "investigate investigates investigated investigating probe probed probing examine examined prosecute prosecuted")
	addTriggers(m, TypeInvestigation, false, "investigation investigations investigators investigator inquiry inquest probe prosecutors prosecution forensic")
	addTriggers(m, TypeStatement, true, "said say says told tell tells announce announces announced stated declare declares declared add added adds noted notes urge urged warned warns thanked thanks championed")
	addTriggers(m, TypeStatement, false, "statement statements speech remarks interview address announcement")
	triggerWords = wordset.Of(m)
}

// subordinators open a clause that is not the sentence's main clause.
var subordinators = wordset.Of(map[string]bool{
	"after": true, "before": true, "when": true, "while": true, "because": true, "since": true,
	"following": true, "where": true, "which": true, "who": true, "whom": true, "that": true,
	"until": true, "if": true, "although": true, "though": true, "as": true, "–": true, "—": true,
})

// eventType chooses the type of sentence si from its tokens; see the
// table above.
func eventType(res *Result, si int) string {
	s := res.Sentences[si]
	toks := res.Tokens[s.TokenStart:s.TokenEnd]
	mainEnd := len(toks)
	mainStart := 0
	var buf [32]byte
	for i, t := range toks {
		if !subordinators.Has(appendLower(buf[:0], t.Text)) {
			continue
		}
		if i == 0 {
			// A leading clause ends at its comma.
			for j := 1; j < len(toks); j++ {
				if toks[j].Text == "," {
					mainStart = j + 1
					break
				}
			}
			continue
		}
		if i > mainStart {
			mainEnd = i
			break
		}
	}
	var mainType, subType, statement string
	for i, t := range toks {
		tr, ok := triggerWords.Get(appendLower(buf[:0], t.Text))
		switch {
		case !ok:
		case tr.typ == TypeStatement:
			if statement == "" {
				statement = tr.typ
			}
		case i >= mainStart && i < mainEnd:
			if mainType == "" {
				mainType = tr.typ
			}
		case subType == "":
			subType = tr.typ
		}
	}
	for _, typ := range []string{mainType, subType, statement} {
		if typ != "" {
			return typ
		}
	}
	return TypeOther
}
