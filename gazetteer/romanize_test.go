package gazetteer_test

import (
	"fmt"
	"testing"

	"github.com/geoparse/geoparse/gazetteer"
)

// Romanize uses only the exported API, so its tests live with the
// package's example (package gazetteer_test).

func TestRomanize(t *testing.T) {
	tests := []struct {
		name, cc, want string
	}{
		// Ukraine, Resolution No. 55 (2010).
		{"Гракове", "UA", "Hrakove"},
		{"Залізничне", "UA", "Zaliznychne"},
		{"Харків", "UA", "Kharkiv"},
		{"Згорани", "UA", "Zghorany"},     // зг → zgh
		{"Розгон", "UA", "Rozghon"},       // зг → zgh inside a word
		{"Їжакевич", "UA", "Yizhakevych"}, // ї at the start: yi
		{"Київ", "UA", "Kyiv"},            // ї elsewhere: i
		{"Яготин", "UA", "Yahotyn"},       // я at the start: ya
		{"Ізюм", "UA", "Izium"},           // ю elsewhere: iu
		{"Єнакієве", "UA", "Yenakiieve"},  // є: ye, ie
		{"Йосипівка", "UA", "Yosypivka"},  // й at the start: y
		{"Гуляйполе", "UA", "Huliaipole"}, // й elsewhere: i
		{"Южне", "UA", "Yuzhne"},          // ю at the start: yu
		{"Львів", "UA", "Lviv"},           // ь dropped
		{"Знам'янка", "UA", "Znamianka"},  // apostrophe dropped, я not initial
		{"Знам’янка", "UA", "Znamianka"},  // U+2019
		{"Знамʼянка", "UA", "Znamianka"},  // U+02BC
		{"Кам'янець-Подільський", "UA", "Kamianets-Podilskyi"},
		{"Біла Церква", "UA", "Bila Tserkva"},
		{"Запоріжжя", "UA", "Zaporizhzhia"},
		{"Щастя", "UA", "Shchastia"},
		{"Стара Ягідна", "UA", "Stara Yahidna"},          // я initial after a space (constructed)
		{"Микільське-Юр'ївка", "UA", "Mykilske-Yurivka"}, // … and a hyphen; ї after the apostrophe: i (constructed)
		{"ХАРКІВ", "UA", "KHARKIV"},
		{"ЗГОРАНИ", "UA", "ZGHORANY"},
		{"ЯГОТИН", "UA", "YAHOTYN"},
		{"Ха́рків", "UA", "Kharkiv"},                // stress accent dropped
		{"Ки\u0456\u0308в", "UA", "Kyiv"},           // ї as і + U+0308
		{"\u0418\u0306осипівка", "UA", "Yosypivka"}, // Й as И + U+0306
		{"Київ 2", "UA", "Kyiv 2"},
		{"'Київ'", "UA", "'Kyiv'"}, // quotes are not inside a word: kept
		{"Я", "UA", "Ya"},          // one-letter word: title case
		{"Київ-Pasazhyrskyi", "UA", "Kyiv-Pasazhyrskyi"},
		{"харків", "ua", "kharkiv"}, // country code in lower case

		// Russia, ICAO Doc 9303 (FMS Order No. 320, 2012).
		{"Москва", "RU", "Moskva"},
		{"Щёлково", "RU", "Shchelkovo"},
		{"ЩЁЛКОВО", "RU", "SHCHELKOVO"},
		{"Ярославль", "RU", "Iaroslavl"},
		{"Подъячево", "RU", "Podieiachevo"}, // ъ → ie
		{"Объячево", "RU", "Obieiachevo"},
		{"Йошкар-Ола", "RU", "Ioshkar-Ola"},
		{"Хабаровск", "RU", "Khabarovsk"},
		{"Цимлянск", "RU", "Tsimliansk"},
		{"Нижний Новгород", "RU", "Nizhnii Novgorod"},
		{"Сыктывкар", "RU", "Syktyvkar"},
		{"Элиста", "RU", "Elista"},
		{"Тюмень", "RU", "Tiumen"},
		{"Ёлкино", "RU", "Elkino"},
		{"Ростов-на-Дону", "RU", "Rostov-na-Donu"},

		// Belarus, 2007 Instruction without diacritics.
		{"Мінск", "BY", "Minsk"},
		{"Гомель", "BY", "Homiel"},             // official Homieĺ
		{"Магілёў", "BY", "Mahiliou"},          // official Mahilioŭ
		{"Віцебск", "BY", "Viciebsk"},          // ц → c
		{"Брэст", "BY", "Brest"},               // э → e
		{"Гродна", "BY", "Hrodna"},             // г → h
		{"Ельск", "BY", "Jelsk"},               // е at the start: je
		{"Ёды", "BY", "Jody"},                  // ё at the start: jo
		{"Бабаедава", "BY", "Babajedava"},      // е after a vowel: je
		{"Іўе", "BY", "Iuje"},                  // е after ў: je (official Iŭje)
		{"Вераб'ёвічы", "BY", "Vierabjovichy"}, // ё after an apostrophe: jo
		{"Круглае", "BY", "Kruhlaje"},
		{"Мёры", "BY", "Miory"},                 // ё after a consonant: io
		{"Любань", "BY", "Liuban"},              // official Liubań
		{"Нясвіж", "BY", "Niasvizh"},            // official Niasviž
		{"Лагойск", "BY", "Lahojsk"},            // й → j
		{"Хоцімск", "BY", "Chocimsk"},           // х → ch
		{"Рагачоў", "BY", "Rahachou"},           // ч → ch (official Rahačoŭ)
		{"Шаркаўшчына", "BY", "Sharkaushchyna"}, // official Šarkaŭščyna
		{"Маладзечна", "BY", "Maladziechna"},
		{"Жодзiшкi", "BY", "Zhodzishki"}, // typed with Latin i
		{"МАГІЛЁЎ", "BY", "MAHILIOU"},
		{"Витебск", "BY", "Vitiebsk"}, // Russian spelling: и → i

		// Bulgaria, Transliteration Act (2009).
		{"София", "BG", "Sofia"}, // word-final ия → ia
		{"СОФИЯ", "BG", "SOFIA"},
		{"България", "BG", "Bulgaria"}, // the Act's one exception (not Balgaria)
		{"Нова БЪЛГАРИЯ", "BG", "Nova BULGARIA"},
		{"Българово", "BG", "Balgarovo"}, // not the exception
		{"Пловдив", "BG", "Plovdiv"},
		{"Шумен", "BG", "Shumen"},
		{"Търговище", "BG", "Targovishte"}, // ъ → a, щ → sht
		{"Стара Загора", "BG", "Stara Zagora"},
		{"Хасково", "BG", "Haskovo"}, // х → h
		{"Царево", "BG", "Tsarevo"},
		{"Ямбол", "BG", "Yambol"},
		{"Смолян", "BG", "Smolyan"}, // я not after и: ya
		{"Кюстендил", "BG", "Kyustendil"},
		{"Гьоврен", "BG", "Gyovren"},         // ь → y
		{"Кияновци", "BG", "Kiyanovtsi"},     // ия not word-final: iya (constructed)
		{"Мизия-Север", "BG", "Mizia-Sever"}, // ия final before a hyphen (constructed)
		{"Жеравна", "BG", "Zheravna"},
		{"Добрич", "BG", "Dobrich"},
	}
	for _, tt := range tests {
		got, ok := gazetteer.Romanize(tt.name, tt.cc)
		if !ok || got != tt.want {
			t.Errorf("Romanize(%q, %q) = %q, %v; want %q, true", tt.name, tt.cc, got, ok, tt.want)
		}
	}
}

func TestRomanizeRefused(t *testing.T) {
	tests := []struct{ name, cc string }{
		{"Kharkiv", "UA"}, // no Cyrillic letter
		{"Kyiv's", "UA"},  // … not even with an apostrophe
		{"123", "RU"},     // digits only
		{"", "BG"},        // empty
		{"Алматы", "KZ"},  // unsupported country
		{"Харків", ""},    // no country
		{"Харків", "UKR"}, // alpha-3, not alpha-2
		{"Београд", "RS"}, // Serbian: not supported
	}
	for _, tt := range tests {
		if got, ok := gazetteer.Romanize(tt.name, tt.cc); ok || got != "" {
			t.Errorf("Romanize(%q, %q) = %q, %v; want \"\", false", tt.name, tt.cc, got, ok)
		}
	}
}

func ExampleRomanize() {
	for _, n := range []struct{ name, country string }{
		{"Гракове", "UA"},
		{"Знам'янка", "UA"},
		{"Щёлково", "RU"},
		{"Магілёў", "BY"},
		{"Търговище", "BG"},
		{"Алмати", "KZ"},
	} {
		latin, ok := gazetteer.Romanize(n.name, n.country)
		fmt.Printf("%s %s: %q %v\n", n.country, n.name, latin, ok)
	}
	// Output:
	// UA Гракове: "Hrakove" true
	// UA Знам'янка: "Znamianka" true
	// RU Щёлково: "Shchelkovo" true
	// BY Магілёў: "Mahiliou" true
	// BG Търговище: "Targovishte" true
	// KZ Алмати: "" false
}
