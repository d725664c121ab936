"""Sentence material for scripts/make_sample_cases.py: one entry per language (nl en es ar ru).

Templates use str.format slots ({first}, {when}, ...) and gender pairs written [masculine|feminine]. A list
holds variants; the generator picks one per case, seeded from the case id, so cases do not all read alike.
Everything here describes invented cases; nothing refers to a real person.
"""

from __future__ import annotations

LANGS = ("nl", "en", "es", "ar", "ru")

MONTHS = {
    "nl": "januari februari maart april mei juni juli augustus september oktober november december".split(),
    "en": "January February March April May June July August September October November December".split(),
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split(),
    "ar": "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر".split(),
    # Russian: genitive for "15 марта", prepositional for "в марте"
    "ru_gen": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split(),
    "ru_prep": "январе феврале марте апреле мае июне июле августе сентябре октябре ноябре декабре".split(),
}

NUMBER_WORDS = {
    "nl": {
        1: "Een dag",
        2: "Twee dagen",
        3: "Drie dagen",
        4: "Vier dagen",
        5: "Vijf dagen",
        6: "Zes dagen",
        7: "Een week",
        8: "Acht dagen",
        9: "Negen dagen",
        10: "Tien dagen",
        12: "Twaalf dagen",
        14: "Twee weken",
        21: "Drie weken",
    },
    "en": {
        1: "A day",
        2: "Two days",
        3: "Three days",
        4: "Four days",
        5: "Five days",
        6: "Six days",
        7: "A week",
        8: "Eight days",
        9: "Nine days",
        10: "Ten days",
        12: "Twelve days",
        14: "Two weeks",
        21: "Three weeks",
    },
    "es": {
        1: "Un día",
        2: "Dos días",
        3: "Tres días",
        4: "Cuatro días",
        5: "Cinco días",
        6: "Seis días",
        7: "Una semana",
        8: "Ocho días",
        9: "Nueve días",
        10: "Diez días",
        12: "Doce días",
        14: "Dos semanas",
        21: "Tres semanas",
    },
    "ar": {
        1: "بعد يوم واحد",
        2: "بعد يومين",
        3: "بعد ثلاثة أيام",
        4: "بعد أربعة أيام",
        5: "بعد خمسة أيام",
        6: "بعد ستة أيام",
        7: "بعد أسبوع",
        8: "بعد ثمانية أيام",
        9: "بعد تسعة أيام",
        10: "بعد عشرة أيام",
        12: "بعد اثني عشر يومًا",
        14: "بعد أسبوعين",
        21: "بعد ثلاثة أسابيع",
    },
    "ru": {
        1: "Через день",
        2: "Через два дня",
        3: "Через три дня",
        4: "Через четыре дня",
        5: "Через пять дней",
        6: "Через шесть дней",
        7: "Через неделю",
        8: "Через восемь дней",
        9: "Через девять дней",
        10: "Через десять дней",
        12: "Через двенадцать дней",
        14: "Через две недели",
        21: "Через три недели",
    },
}
LATER = {"nl": " later", "en": " later", "es": " después", "ar": "", "ru": ""}

# Arabic and Russian names of the towns that appear in the translated sample cases.
CITY = {
    "ar": {
        "Amsterdam": "أمستردام",
        "Rotterdam": "روتردام",
        "Den Haag": "لاهاي",
        "Utrecht": "أوترخت",
        "Eindhoven": "أيندهوفن",
        "Groningen": "خرونينغن",
        "Zwolle": "زفوله",
        "Arnhem": "أرنهم",
        "Nijmegen": "نايميخن",
        "Enschede": "إنسخيده",
        "Maastricht": "ماستريخت",
        "Breda": "بريدا",
        "Tilburg": "تيلبورخ",
        "Leeuwarden": "ليواردن",
        "Haarlem": "هارلم",
        "Dordrecht": "دوردريخت",
        "Leiden": "لايدن",
        "Deventer": "ديفنتر",
        "Almere": "ألميره",
        "Venlo": "فينلو",
        "Delft": "دلفت",
        "Vlissingen": "فليسينغن",
        "Alkmaar": "ألكمار",
        "Assen": "آسن",
        "Apeldoorn": "أبلدورن",
        "Katwijk": "كاتفايك",
        "Heerlen": "هيرلن",
        "Den Helder": "دن هلدر",
        "Amersfoort": "أمرسفورت",
        "Emmen": "إمن",
        "Gouda": "خاودا",
        "Hengelo": "هنخلو",
        "Middelburg": "ميدلبورخ",
        "Lelystad": "ليليستاد",
        "Zaandam": "زاندام",
        "Roermond": "رورموند",
        "Oss": "أوس",
        "Sneek": "سنيك",
        "Kampen": "كامبن",
        "Harderwijk": "هاردرفايك",
        "Terneuzen": "تيرنوزن",
        "Meppel": "ميبل",
        "Hoorn": "هورن",
    },
    # nominative, locative (after в)
    "ru": {
        "Amsterdam": ("Амстердам", "Амстердаме"),
        "Rotterdam": ("Роттердам", "Роттердаме"),
        "Den Haag": ("Гаага", "Гааге"),
        "Utrecht": ("Утрехт", "Утрехте"),
        "Eindhoven": ("Эйндховен", "Эйндховене"),
        "Groningen": ("Гронинген", "Гронингене"),
        "Zwolle": ("Зволле", "Зволле"),
        "Arnhem": ("Арнем", "Арнеме"),
        "Nijmegen": ("Неймеген", "Неймегене"),
        "Enschede": ("Энсхеде", "Энсхеде"),
        "Maastricht": ("Маастрихт", "Маастрихте"),
        "Breda": ("Бреда", "Бреде"),
        "Tilburg": ("Тилбург", "Тилбурге"),
        "Leeuwarden": ("Леуварден", "Леувардене"),
        "Haarlem": ("Харлем", "Харлеме"),
        "Dordrecht": ("Дордрехт", "Дордрехте"),
        "Leiden": ("Лейден", "Лейдене"),
        "Deventer": ("Девентер", "Девентере"),
        "Almere": ("Алмере", "Алмере"),
        "Venlo": ("Венло", "Венло"),
        "Delft": ("Делфт", "Делфте"),
        "Vlissingen": ("Флиссинген", "Флиссингене"),
        "Alkmaar": ("Алкмар", "Алкмаре"),
        "Assen": ("Ассен", "Ассене"),
        "Apeldoorn": ("Апелдорн", "Апелдорне"),
        "Katwijk": ("Катвейк", "Катвейке"),
        "Heerlen": ("Херлен", "Херлене"),
        "Den Helder": ("Ден-Хелдер", "Ден-Хелдере"),
        "Amersfoort": ("Амерсфорт", "Амерсфорте"),
        "Emmen": ("Эммен", "Эммене"),
        "Gouda": ("Гауда", "Гауде"),
        "Hengelo": ("Хенгело", "Хенгело"),
        "Middelburg": ("Мидделбург", "Мидделбурге"),
        "Lelystad": ("Лелистад", "Лелистаде"),
        "Zaandam": ("Зандам", "Зандаме"),
        "Roermond": ("Рурмонд", "Рурмонде"),
        "Oss": ("Осс", "Оссе"),
        "Sneek": ("Снек", "Снеке"),
        "Kampen": ("Кампен", "Кампене"),
        "Harderwijk": ("Хардервейк", "Хардервейке"),
        "Terneuzen": ("Тернёзен", "Тернёзене"),
        "Meppel": ("Меппел", "Меппеле"),
        "Hoorn": ("Хорн", "Хорне"),
    },
}
CITY_OTHER = {"en": {"Den Haag": "The Hague"}, "es": {"Den Haag": "La Haya"}}

# --- titles -----------------------------------------------------------------------------------------------
TITLE = {
    "homicide": {
        "nl": ["Wie doodde {name}?", "Wie weet meer over de dood van {name}?", "Wat gebeurde er met {name}?"],
        "en": ["Who killed {name}?", "Who knows more about the death of {name}?", "What happened to {name}?"],
        "es": [
            "¿Quién mató a {name}?",
            "¿Quién sabe más sobre la muerte de {name}?",
            "¿Qué le pasó a {name}?",
        ],
        "ar": ["من قتل {name}؟", "من يعرف المزيد عن مقتل {name}؟", "ماذا حدث لـ{name}؟"],
        "ru": [
            "Кто убил {name_acc}?",
            "Кто знает больше о гибели {name_gen}?",
            "Что случилось с {name_ins}?",
        ],
    },
    "missing": {
        "nl": ["Waar is {name}?", "Wat is er met {name} gebeurd?", "Wie weet waar {name} is?"],
        "en": ["Where is {name}?", "What happened to {name}?", "Who knows where {name} is?"],
        "es": ["¿Dónde está {name}?", "¿Qué le pasó a {name}?", "¿Quién sabe dónde está {name}?"],
        "ar": ["أين {name}؟", "ماذا حدث لـ{name}؟", "من يعرف أين {name}؟"],
        "ru": ["Где {name}?", "Что случилось с {name_ins}?", "Кто знает, где {name}?"],
    },
    "unidentified": {
        "nl": [
            "Wie is de [man|vrouw] die in {year} in {city} werd gevonden?",
            "Wie kent de onbekende [man|vrouw] uit {city}?",
        ],
        "en": [
            "Who is the [man|woman] found in {city} in {year}?",
            "Who knows the unknown [man|woman] from {city}?",
        ],
        "es": [
            "¿Quién es [el hombre|la mujer] [hallado|hallada] en {city} en {year}?",
            "¿Quién conoce [al hombre desconocido|a la mujer desconocida] de {city}?",
        ],
        "ar": [
            "من [هو الرجل الذي عُثر عليه|هي المرأة التي عُثر عليها] في {city} عام {year}؟",
            "من يعرف [الرجل المجهول|المرأة المجهولة] في {city}؟",
        ],
        "ru": [
            "Кто [этот мужчина, найденный|эта женщина, найденная] в {city_loc} в {year} году?",
            "Кто знает [неизвестного мужчину|неизвестную женщину] из города {city}?",
        ],
    },
}

# --- who the victim was -----------------------------------------------------------------------------------
# persona: nl "{first} ({age}) was ...", en "{first}, {age}, was ...", es "{first}, de {age} años, era ...",
# ar "كان[|ت] {first} ({age} عامًا) ...", ru "{first} ({age}) [был|была] ..." (instrumental)
PERSONA = {
    "student": {
        "nl": "[student|studente] aan de hogeschool",
        "en": "a student at the university of applied sciences",
        "es": "[estudiante|estudiante] de una escuela superior",
        "ar": "[طالبًا|طالبة] في معهد عالٍ",
        "ru": "[студентом|студенткой] высшей школы",
    },
    "taxi": {
        "nl": "taxichauffeur",
        "en": "a taxi driver",
        "es": "[taxista|taxista]",
        "ar": "[سائق|سائقة] سيارة أجرة",
        "ru": "таксистом",
    },
    "nurse": {
        "nl": "[verpleger|verpleegster] in het ziekenhuis",
        "en": "a nurse at the local hospital",
        "es": "[enfermero|enfermera] en el hospital",
        "ar": "[ممرضًا|ممرضة] في المستشفى",
        "ru": "[медбратом|медсестрой] в больнице",
    },
    "shop": {
        "nl": "eigenaar van een sigarenwinkel",
        "en": "the owner of a tobacconist's shop",
        "es": "[dueño|dueña] de un estanco",
        "ar": "[صاحب|صاحبة] محل لبيع التبغ",
        "ru": "[владельцем|владелицей] табачной лавки",
    },
    "farmer": {
        "nl": "[boer|boerin] met een melkveebedrijf",
        "en": "a dairy farmer",
        "es": "[ganadero|ganadera] lechero",
        "ar": "[مزارعًا|مزارعة] يربي الأبقار",
        "ru": "[фермером|фермершей] с молочной фермой",
    },
    "cleaner": {
        "nl": "[schoonmaker|schoonmaakster] bij een kantoor",
        "en": "an office cleaner",
        "es": "[limpiador|limpiadora] de oficinas",
        "ar": "[عامل|عاملة] نظافة في مكاتب",
        "ru": "[уборщиком|уборщицей] в офисе",
    },
    "bar": {
        "nl": "[barman|barvrouw] in een café",
        "en": "a bartender in a local café",
        "es": "[camarero|camarera] en un bar",
        "ar": "[نادلًا|نادلة] في مقهى",
        "ru": "[барменом|барменшей] в кафе",
    },
    "factory": {
        "nl": "[fabrieksarbeider|fabrieksarbeidster]",
        "en": "a factory worker",
        "es": "[obrero|obrera] en una fábrica",
        "ar": "[عاملًا|عاملة] في مصنع",
        "ru": "[рабочим|работницей] на заводе",
    },
    "pupil": {
        "nl": "[scholier|scholiere] op het lyceum",
        "en": "a secondary-school pupil",
        "es": "[alumno|alumna] de secundaria",
        "ar": "[تلميذًا|تلميذة] في المدرسة الثانوية",
        "ru": "[школьником|школьницей]",
    },
    "retired": {
        "nl": "[gepensioneerd|gepensioneerd] en [weduwnaar|weduwe]",
        "en": "retired and widowed",
        "es": "[jubilado y viudo|jubilada y viuda]",
        "ar": "[متقاعدًا وأرمل|متقاعدة وأرملة]",
        "ru": "[пенсионером и вдовцом|пенсионеркой и вдовой]",
    },
    "driver": {
        "nl": "vrachtwagenchauffeur",
        "en": "a lorry driver",
        "es": "[camionero|camionera]",
        "ar": "[سائق|سائقة] شاحنة",
        "ru": "водителем грузовика",
    },
    "hair": {
        "nl": "[kapper|kapster] met een eigen salon",
        "en": "a hairdresser with a salon of [his|her] own",
        "es": "[peluquero|peluquera] con salón propio",
        "ar": "[حلاقًا يملك|مصففة شعر تملك] صالونًا خاصًا",
        "ru": "парикмахером со своим салоном",
    },
    "skipper": {
        "nl": "[binnenvaartschipper|binnenvaartschipper]",
        "en": "a barge skipper",
        "es": "[patrón|patrona] de una barcaza",
        "ar": "[ربان|ربانة] سفينة نهرية",
        "ru": "шкипером речной баржи",
    },
    "cashier": {
        "nl": "[caissière|caissière] bij een supermarkt",
        "en": "a cashier at a supermarket",
        "es": "[cajero|cajera] en un supermercado",
        "ar": "[أمين|أمينة] صندوق في سوبرماركت",
        "ru": "[кассиром|кассиршей] в супермаркете",
    },
    "musician": {
        "nl": "muzikant in een bandje",
        "en": "a musician who played in a local band",
        "es": "[músico|música] en un grupo local",
        "ar": "[موسيقيًا|موسيقية] في فرقة محلية",
        "ru": "[музыкантом|музыканткой] в местной группе",
    },
    "postal": {
        "nl": "[postbode|postbode]",
        "en": "a postal worker",
        "es": "[cartero|cartera]",
        "ar": "[ساعي|ساعية] بريد",
        "ru": "почтальоном",
    },
    "mechanic": {
        "nl": "automonteur in een garage",
        "en": "a car mechanic",
        "es": "[mecánico|mecánica] de coches",
        "ar": "[ميكانيكي|ميكانيكية] سيارات",
        "ru": "автомехаником",
    },
    "teacher": {
        "nl": "[leraar|lerares] op een basisschool",
        "en": "a primary-school teacher",
        "es": "[maestro|maestra] de primaria",
        "ar": "[معلمًا|معلمة] في مدرسة ابتدائية",
        "ru": "[учителем|учительницей] начальных классов",
    },
}
PERSONA_LINE = {
    "nl": "{first} ({age}) was {persona}.",
    "en": "{first}, {age}, was {persona}.",
    "es": "{first}, de {age} años, era {persona}.",
    "ar": "[كان|كانت] {first} ({age} عامًا) {persona}.",
    "ru": "{first} ({age}) [был|была] {persona}.",
}
FAMILY = {
    "parents": {
        "nl": "[Hij|Zij] woonde nog bij [zijn|haar] ouders en had een grote vriendenkring.",
        "en": "[He|She] still lived with [his|her] parents and had a wide circle of friends.",
        "es": "Aún vivía con sus padres y tenía muchos amigos.",
        "ar": "[كان يعيش|كانت تعيش] مع والدي[ه|ها] وكان[|ت] لدي[ه|ها] أصدقاء كثيرون.",
        "ru": "[Он|Она] жил[|а] с родителями, у [него|неё] было много друзей.",
    },
    "married": {
        "nl": "[Hij|Zij] was getrouwd en had twee jonge kinderen.",
        "en": "[He|She] was married, with two young children.",
        "es": "[Estaba casado|Estaba casada] y tenía dos hijos pequeños.",
        "ar": "[كان متزوجًا|كانت متزوجة] ولدي[ه|ها] طفلان صغيران.",
        "ru": "[Он был женат|Она была замужем], у [него|неё] было двое маленьких детей.",
    },
    "alone": {
        "nl": "[Hij|Zij] woonde alleen, maar had dagelijks contact met [zijn|haar] familie.",
        "en": "[He|She] lived alone but spoke to [his|her] family every day.",
        "es": "Vivía [solo|sola], pero hablaba con su familia todos los días.",
        "ar": "[كان يعيش|كانت تعيش] [وحده|وحدها] لكن[ه|ها] [كان|كانت] على تواصل يومي مع عائلت[ه|ها].",
        "ru": "[Он|Она] жил[|а] [один|одна], но каждый день [общался|общалась] с родными.",
    },
    "new_job": {
        "nl": "[Hij|Zij] had net een nieuwe baan en maakte plannen om te gaan samenwonen.",
        "en": "[He|She] had just started a new job and was planning to move in with [his|her] partner.",
        "es": "Acababa de empezar un nuevo trabajo y pensaba irse a vivir con su pareja.",
        "ar": "[كان|كانت] قد [بدأ|بدأت] عملًا جديدًا للتو و[يخطط|تخطط] للعيش مع شريك حيات[ه|ها].",
        "ru": "[Он|Она] только что [начал|начала] работать на новом месте и [собирался|собиралась] жить вместе с партнёром.",
    },
    "sports": {
        "nl": "[Hij|Zij] was sportief, voetbalde op zaterdag en stond bekend als behulpzaam.",
        "en": "[He|She] was sporty, played football on Saturdays and was known as someone who always helped out.",
        "es": "Era [deportista|deportista], jugaba al fútbol los sábados y tenía fama de ayudar a todos.",
        "ar": "[كان رياضيًا|كانت رياضية] [يلعب|تلعب] كرة القدم أيام السبت، و[عُرف|عُرفت] بمساعدة الآخرين.",
        "ru": "[Он|Она] занимал[|ась] спортом, по субботам играл[|а] в футбол и всегда помогал[|а] другим.",
    },
    "grandchildren": {
        "nl": "[Hij|Zij] was een trotse [opa|oma] van vijf kleinkinderen.",
        "en": "[He|She] was the proud [grandfather|grandmother] of five grandchildren.",
        "es": "Era [un abuelo orgulloso|una abuela orgullosa] de cinco nietos.",
        "ar": "[كان جدًا فخورًا|كانت جدة فخورة] بخمسة أحفاد.",
        "ru": "[Он|Она] [был гордым дедушкой|была гордой бабушкой] пятерых внуков.",
    },
}

# --- what happened (first sentence, then the discovery; {days} is e.g. "Drie dagen later") -----------------
EVENT = {
    "home": {
        "nl": [
            "{When} werd {name} dood aangetroffen in [zijn|haar] woning {loc}.",
            "{When} vond een buurvrouw {name} levenloos in [zijn|haar] huis {loc}.",
        ],
        "en": [
            "{When}, {name} was found dead at [his|her] home in {city}.",
            "{When}, a neighbour found {name} dead in [his|her] house in {city}.",
        ],
        "es": ["{When} {name} fue [hallado muerto|hallada muerta] en su casa de {city}."],
        "ar": ["{when} [عُثر على|عُثر على] {name} [ميتًا|ميتة] في منزل[ه|ها] في {city}."],
        "ru": ["{When} {name} [был найден мёртвым|была найдена мёртвой] в своей квартире в {city_loc}."],
    },
    "water": {
        "nl": [
            "{When} ging {name} 's avonds de deur uit {loc}; [hij|zij] kwam nooit meer thuis.",
            "{When} liep {name} na een verjaardag {loc} naar huis, maar kwam daar nooit aan.",
        ],
        "en": [
            "{When}, {name} went out for the evening in {city} and never came home.",
            "{When}, {name} walked home from a birthday party in {city} but never arrived.",
        ],
        "es": ["{When} {name} salió por la noche en {city} y nunca volvió a casa."],
        "ar": ["{when} [خرج|خرجت] {name} مساءً في {city} ولم [يعد|تعد] إلى البيت أبدًا."],
        "ru": ["{When} {name} [ушёл|ушла] вечером из дома в {city_loc} и больше не [вернулся|вернулась]."],
    },
    "street": {
        "nl": [
            "{When} werd {name} {loc} op straat neergestoken; [hij|zij] overleed ter plaatse.",
            "{When} werd {name} laat op de avond {loc} aangevallen en dodelijk verwond.",
        ],
        "en": [
            "{When}, {name} was stabbed in the street in {city} and died at the scene.",
            "{When}, {name} was attacked late at night in {city} and fatally wounded.",
        ],
        "es": ["{When} {name} fue [apuñalado|apuñalada] en plena calle en {city} y murió en el lugar."],
        "ar": ["{when} [طُعن|طُعنت] {name} في الشارع في {city} و[توفي|توفيت] في المكان."],
        "ru": [
            "{When} {name} [получил|получила] ножевое ранение на улице в {city_loc} и [скончался|скончалась] на месте."
        ],
    },
    "shop": {
        "nl": [
            "{When} werd {name} in [zijn|haar] zaak {loc} overvallen en gedood.",
            "{When} werd {name} kort voor sluitingstijd in [zijn|haar] winkel {loc} doodgeschoten.",
        ],
        "en": [
            "{When}, {name} was robbed and killed in [his|her] shop in {city}.",
            "{When}, {name} was shot dead in [his|her] shop in {city}, shortly before closing time.",
        ],
        "es": ["{When} {name} fue [asaltado y asesinado|asaltada y asesinada] en su tienda de {city}."],
        "ar": ["{when} [تعرض|تعرضت] {name} لسطو مسلح في محل[ه|ها] في {city} و[قُتل|قُتلت]."],
        "ru": ["{When} {name} [был ограблен и убит|была ограблена и убита] в своём магазине в {city_loc}."],
    },
    "road": {
        "nl": [
            "{When} fietste {name} na een avond uit naar huis {loc}; [hij|zij] kwam daar nooit aan.",
            "{When} vertrok {name} op de fiets van [zijn|haar] werk {loc}, maar kwam nooit thuis.",
        ],
        "en": [
            "{When}, {name} cycled home after an evening out in {city} and never arrived.",
            "{When}, {name} left work by bicycle in {city} but never got home.",
        ],
        "es": ["{When} {name} volvía en bicicleta a casa tras una noche fuera en {city}, pero nunca llegó."],
        "ar": [
            "{when} [كان|كانت] {name} [عائدًا|عائدة] إلى البيت على الدراجة بعد سهرة في {city}، لكن[ه|ها] لم [يصل|تصل] أبدًا."
        ],
        "ru": [
            "{When} {name} [ехал|ехала] домой на велосипеде после вечера с друзьями в {city_loc}, но так и не [доехал|доехала]."
        ],
    },
    "woods": {
        "nl": [
            "{When} verdween {name} spoorloos uit {city}.",
            "{When} werd {name} voor het laatst gezien in {city}.",
        ],
        "en": [
            "{When}, {name} vanished from {city} without a trace.",
            "{When}, {name} was last seen in {city}.",
        ],
        "es": ["{When} {name} desapareció sin dejar rastro en {city}."],
        "ar": ["{when} [اختفى|اختفت] {name} من {city} دون أثر."],
        "ru": ["{When} {name} бесследно [исчез|исчезла] в {city_loc}."],
    },
    "bike": {
        "nl": [
            "{When} fietste {name} van huis weg {loc}. Sindsdien ontbreekt ieder spoor van [hem|haar].",
            "{When} stapte {name} {loc} op de fiets om boodschappen te doen en keerde nooit terug.",
        ],
        "en": [
            "{When}, {name} cycled away from home in {city}. There has been no trace of [him|her] since.",
            "{When}, {name} set off by bicycle in {city} to do some shopping and never came back.",
        ],
        "es": [
            "{When} {name} salió de casa en bicicleta en {city}. Desde entonces no hay rastro de [él|ella]."
        ],
        "ar": ["{when} [غادر|غادرت] {name} البيت على الدراجة في {city}. ومنذ ذلك الحين لا أثر ل[ه|ها]."],
        "ru": [
            "{When} {name} [уехал|уехала] из дома на велосипеде в {city_loc}. С тех пор о [нём|ней] ничего не известно."
        ],
    },
    "station": {
        "nl": [
            "{When} werd {name} voor het laatst gezien op het station {loc}.",
            "{When} stond {name} op het perron {loc}, op weg naar een vriend[|in]. Daar werd [hij|zij] voor het laatst gezien.",
        ],
        "en": [
            "{When}, {name} was last seen at the railway station in {city}.",
            "{When}, {name} stood on the platform in {city}, on the way to visit a friend. That is the last time [he|she] was seen.",
        ],
        "es": ["{When} {name} fue [visto|vista] por última vez en la estación de tren de {city}."],
        "ar": ["{when} [شوهد|شوهدت] {name} للمرة الأخيرة في محطة القطار في {city}."],
        "ru": ["{When} {name} в последний раз [видели|видели] на вокзале в {city_loc}."],
    },
    "night": {
        "nl": [
            "{When} verliet {name} na sluitingstijd een café {loc}. [Hij|Zij] is nooit thuisgekomen.",
            "{When} nam {name} rond middernacht afscheid van vrienden {loc} en liep alleen verder.",
        ],
        "en": [
            "{When}, {name} left a café in {city} at closing time and never came home.",
            "{When}, {name} said goodbye to friends around midnight in {city} and walked on alone.",
        ],
        "es": ["{When} {name} salió de un bar de {city} a la hora del cierre y nunca volvió a casa."],
        "ar": ["{when} [غادر|غادرت] {name} مقهى في {city} عند موعد الإغلاق ولم [يعد|تعد] إلى البيت."],
        "ru": [
            "{When} {name} [вышел|вышла] из кафе в {city_loc} в час закрытия и домой не [вернулся|вернулась]."
        ],
    },
    "car": {
        "nl": [
            "{When} vertrok {name} met de auto naar [zijn|haar] werk, maar kwam daar nooit aan.",
            "{When} reed {name} 's ochtends weg voor een afspraak en werd daarna nooit meer gezien.",
        ],
        "en": [
            "{When}, {name} drove off to work but never arrived.",
            "{When}, {name} drove off in the morning to an appointment and was never seen again.",
        ],
        "es": ["{When} {name} salió en coche hacia el trabajo, pero nunca llegó."],
        "ar": ["{when} [انطلق|انطلقت] {name} بالسيارة إلى العمل لكن[ه|ها] لم [يصل|تصل] أبدًا."],
        "ru": ["{When} {name} [уехал|уехала] на машине на работу, но так туда и не [приехал|приехала]."],
    },
    "u_water": {
        "nl": [
            "{When} werd {loc} het lichaam van een onbekende [man|vrouw] uit het water gehaald.",
            "{When} zag een schipper {loc} het lichaam van een [man|vrouw] in het water drijven.",
        ],
        "en": [
            "{When}, the body of an unknown [man|woman] was recovered from the water in {city}.",
            "{When}, a skipper saw the body of a [man|woman] floating in the water near {city}.",
        ],
        "es": [
            "{When} se sacó del agua en {city} el cuerpo de [un hombre desconocido|una mujer desconocida]."
        ],
        "ar": ["{when} انتُشلت من الماء في {city} جثة [رجل مجهول|امرأة مجهولة]."],
        "ru": ["{When} в {city_loc} из воды было извлечено тело [неизвестного мужчины|неизвестной женщины]."],
    },
    "u_woods": {
        "nl": [
            "{When} vonden boswachters {loc} de stoffelijke resten van een [man|vrouw].",
            "{When} stuitten grondwerkers {loc} op de stoffelijke resten van een [man|vrouw].",
        ],
        "en": [
            "{When}, forest rangers found the remains of a [man|woman] near {city}.",
            "{When}, workmen digging near {city} came upon the remains of a [man|woman].",
        ],
        "es": [
            "{When} unos guardas forestales encontraron cerca de {city} los restos de [un hombre|una mujer]."
        ],
        "ar": ["{when} عثر حراس الغابات قرب {city} على رفات [رجل|امرأة]."],
        "ru": ["{When} лесники недалеко от города {city} нашли останки [мужчины|женщины]."],
    },
    "u_beach": {
        "nl": [
            "{When} spoelde {loc} het lichaam van een onbekende [man|vrouw] aan.",
            "{When} vond een strandwandelaar {loc} het lichaam van een [man|vrouw].",
        ],
        "en": [
            "{When}, the body of an unknown [man|woman] washed ashore near {city}.",
            "{When}, someone walking on the beach near {city} found the body of a [man|woman].",
        ],
        "es": [
            "{When} el mar arrojó a la playa cerca de {city} el cuerpo de [un hombre desconocido|una mujer desconocida]."
        ],
        "ar": ["{when} جرف البحر إلى الشاطئ قرب {city} جثة [رجل مجهول|امرأة مجهولة]."],
        "ru": ["{When} на пляж возле города {city} вынесло тело [неизвестного мужчины|неизвестной женщины]."],
    },
}
FOUND = {
    "water": {
        "nl": "{days}{later} werd [zijn|haar] lichaam gevonden {found_loc}.",
        "en": "{days}{later} [his|her] body was found in the water nearby.",
        "es": "{days}{later} su cuerpo fue hallado en el agua, no muy lejos.",
        "ar": "{days} عُثر على جثت[ه|ها] في الماء على مقربة.",
        "ru": "{days} [его|её] тело нашли в воде неподалёку.",
    },
    "road": {
        "nl": "{days}{later} werd [zijn|haar] lichaam gevonden {found_loc}.",
        "en": "{days}{later} [his|her] body was found at the side of a road outside the town.",
        "es": "{days}{later} su cuerpo apareció en la cuneta de una carretera a las afueras.",
        "ar": "{days} عُثر على جثت[ه|ها] على جانب طريق خارج المدينة.",
        "ru": "{days} [его|её] тело нашли на обочине дороги за городом.",
    },
    "woods": {
        "nl": "{days}{later} vonden wandelaars [zijn|haar] lichaam {found_loc}.",
        "en": "{days}{later} walkers found [his|her] body in a wooded area.",
        "es": "{days}{later} unos paseantes encontraron su cuerpo en una zona boscosa.",
        "ar": "{days} عثر متنزهون على جثت[ه|ها] في منطقة حرجية.",
        "ru": "{days} гуляющие нашли [его|её] тело в лесу.",
    },
    "bike": {
        "nl": "{days}{later} werd [zijn|haar] fiets gevonden {found_loc}, netjes op slot.",
        "en": "{days}{later} [his|her] bicycle was found, neatly locked.",
        "es": "{days}{later} apareció su bicicleta, bien cerrada con candado.",
        "ar": "{days} عُثر على دراجت[ه|ها] مقفلة بعناية.",
        "ru": "{days} нашли [его|её] велосипед, аккуратно запертый на замок.",
    },
    "car": {
        "nl": "{days}{later} werd [zijn|haar] auto verlaten aangetroffen {found_loc}.",
        "en": "{days}{later} [his|her] car was found abandoned.",
        "es": "{days}{later} su coche fue hallado abandonado.",
        "ar": "{days} عُثر على سيارت[ه|ها] متروكة.",
        "ru": "{days} [его|её] машину нашли брошенной.",
    },
}
# What the remains tell (unidentified), with {age_lo} and {age_hi}.
DESCRIBE = {
    "nl": "[Hij|Zij] was naar schatting tussen {age_lo} en {age_hi} jaar oud.",
    "en": "[He|She] was probably between {age_lo} and {age_hi} years old.",
    "es": "Tenía probablemente entre {age_lo} y {age_hi} años.",
    "ar": "[كان|كانت] على الأرجح بين {age_lo} و{age_hi} عامًا من العمر.",
    "ru": "[Ему|Ей] было, вероятно, от {age_lo} до {age_hi} лет.",
}

# --- details: one or two per case ------------------------------------------------------------------------
DETAIL = {
    "van": {
        "nl": "Getuigen zagen die avond een donkere bestelbus met draaiende motor in de buurt staan.",
        "en": "Witnesses saw a dark van with its engine running nearby that evening.",
        "es": "Varios testigos vieron esa noche una furgoneta oscura con el motor en marcha cerca del lugar.",
        "ar": "رأى شهود في تلك الليلة شاحنة صغيرة داكنة اللون ومحركها يعمل بالقرب من المكان.",
        "ru": "Свидетели видели в тот вечер неподалёку тёмный фургон с работающим мотором.",
    },
    "dogman": {
        "nl": "Een man met een hond liep rond dat tijdstip langs de plek; hij heeft zich nooit gemeld.",
        "en": "A man walking a dog passed the spot at about that time; he has never come forward.",
        "es": "Un hombre que paseaba a su perro pasó por allí a esa hora; nunca se ha presentado.",
        "ar": "مرّ رجل مع كلبه بالمكان في ذلك الوقت تقريبًا، ولم يتقدم بإفادته قط.",
        "ru": "Примерно в это время мимо проходил мужчина с собакой; он так и не объявился.",
    },
    "scooter": {
        "nl": "Kort daarna reed een scooter met twee personen met hoge snelheid weg.",
        "en": "Shortly afterwards a scooter carrying two people sped away.",
        "es": "Poco después una moto con dos personas se alejó a gran velocidad.",
        "ar": "بعد ذلك بقليل انطلقت دراجة نارية صغيرة تقل شخصين بسرعة كبيرة.",
        "ru": "Вскоре после этого на большой скорости уехал скутер с двумя людьми.",
    },
    "argument": {
        "nl": "Buren hoorden rond middernacht luide stemmen en een deur die hard dichtsloeg.",
        "en": "Around midnight neighbours heard loud voices and a door slamming.",
        "es": "Hacia medianoche los vecinos oyeron voces fuertes y un portazo.",
        "ar": "سمع الجيران قرابة منتصف الليل أصواتًا عالية وبابًا يُغلق بعنف.",
        "ru": "Около полуночи соседи слышали громкие голоса и хлопок двери.",
    },
    "bag": {
        "nl": "[Zijn|Haar] tas werd later enkele kilometers verderop gevonden, zonder portemonnee.",
        "en": "[His|Her] bag was later found a few kilometres away, without the purse.",
        "es": "Más tarde su bolso apareció a varios kilómetros, sin la cartera.",
        "ar": "عُثر لاحقًا على حقيبت[ه|ها] على بعد بضعة كيلومترات، من دون المحفظة.",
        "ru": "Позже [его|её] сумку нашли в нескольких километрах, без кошелька.",
    },
    "necklace": {
        "nl": "Er ontbrak een gouden ketting met een hanger in de vorm van een anker.",
        "en": "A gold necklace with an anchor-shaped pendant was missing.",
        "es": "Faltaba una cadena de oro con un colgante en forma de ancla.",
        "ar": "كانت سلسلة ذهبية بقلادة على شكل مرساة مفقودة.",
        "ru": "Пропала золотая цепочка с подвеской в виде якоря.",
    },
    "letter": {
        "nl": "Weken later ontving de familie een anonieme brief met details die niet in de krant hadden gestaan.",
        "en": "Weeks later the family received an anonymous letter with details that had never been in the papers.",
        "es": "Semanas después la familia recibió una carta anónima con detalles que nunca habían salido en la prensa.",
        "ar": "بعد أسابيع تلقت العائلة رسالة مجهولة تتضمن تفاصيل لم تُنشر في الصحف قط.",
        "ru": "Через несколько недель семья получила анонимное письмо с подробностями, которых не было в газетах.",
    },
    "lift": {
        "nl": "[Hij|Zij] zou zijn ingestapt bij een automobilist in een lichte Mercedes.",
        "en": "[He|She] is said to have got into a light-coloured Mercedes.",
        "es": "Al parecer subió a un Mercedes de color claro.",
        "ar": "يُعتقد أن[ه|ها] [ركب|ركبت] سيارة مرسيدس فاتحة اللون.",
        "ru": "По некоторым данным, [он сел|она села] в светлый «Мерседес».",
    },
    "cash": {
        "nl": "Uit de kassa verdween ongeveer tweeduizend gulden.",
        "en": "About two thousand guilders were taken from the till.",
        "es": "De la caja desaparecieron unos dos mil florines.",
        "ar": "سُرق من الصندوق نحو ألفي غيلدر.",
        "ru": "Из кассы пропало около двух тысяч гульденов.",
    },
    "phone": {
        "nl": "[Zijn|Haar] mobiele telefoon maakte die dag voor het laatst verbinding met een zendmast buiten de stad en ging daarna uit.",
        "en": "[His|Her] mobile phone last connected to a mast outside the town that day and was then switched off.",
        "es": "Su teléfono móvil se conectó por última vez ese día a una antena en las afueras y después se apagó.",
        "ar": "اتصل هاتف[ه|ها] المحمول للمرة الأخيرة في ذلك اليوم ببرج إرسال خارج المدينة ثم أُغلق.",
        "ru": "В тот день [его|её] мобильный телефон в последний раз подключился к вышке за городом, а потом был выключен.",
    },
    "tattoo": {
        "nl": "[Hij|Zij] had een tatoeage van een zwaluw op de linkerhand.",
        "en": "[He|She] had a tattoo of a swallow on the left hand.",
        "es": "Tenía un tatuaje de una golondrina en la mano izquierda.",
        "ar": "[كان|كانت] لدي[ه|ها] وشم على شكل سنونو على اليد اليسرى.",
        "ru": "На левой руке у [него|неё] была татуировка в виде ласточки.",
    },
    "coat": {
        "nl": "[Hij|Zij] droeg een groene regenjas van een Duits merk en een zilveren ring met de letters M.K.",
        "en": "[He|She] wore a green raincoat of a German brand and a silver ring engraved with the letters M.K.",
        "es": "Llevaba un impermeable verde de una marca alemana y un anillo de plata con las letras M.K.",
        "ar": "[كان يرتدي|كانت ترتدي] معطفًا أخضر واقيًا من المطر من ماركة ألمانية وخاتمًا فضيًا محفورًا عليه الحرفان M.K.",
        "ru": "На [нём|ней] был зелёный плащ немецкой марки и серебряное кольцо с буквами M.K.",
    },
    "teeth": {
        "nl": "Aan het gebit is te zien dat er in het buitenland aan is gewerkt.",
        "en": "Dental work shows that [he|she] had been treated by a dentist abroad.",
        "es": "Los arreglos dentales indican que fue [tratado|tratada] por un dentista en el extranjero.",
        "ar": "تُظهر أعمال الأسنان أن[ه|ها] [عولج|عولجت] لدى طبيب أسنان خارج هولندا.",
        "ru": "По зубам видно, что [его|её] лечили у стоматолога за границей.",
    },
    "shoes": {
        "nl": "[Hij|Zij] droeg opvallende rode sportschoenen, maat [44|38], van een Italiaans merk.",
        "en": "[He|She] wore conspicuous red trainers, size [44|38], of an Italian brand.",
        "es": "Llevaba unas llamativas zapatillas rojas de una marca italiana, talla [44|38].",
        "ar": "[كان يرتدي|كانت ترتدي] حذاءً رياضيًا أحمر لافتًا مقاس [44|38] من ماركة إيطالية.",
        "ru": "На [нём|ней] были яркие красные кроссовки итальянской марки [44|38]-го размера.",
    },
    "earring": {
        "nl": "[Hij|Zij] droeg één gouden oorbel in de vorm van een halve maan.",
        "en": "[He|She] wore a single gold earring shaped like a crescent moon.",
        "es": "Llevaba un único pendiente de oro en forma de media luna.",
        "ar": "[كان يضع|كانت تضع] قرطًا ذهبيًا واحدًا على شكل هلال.",
        "ru": "В ухе у [него|неё] была одна золотая серьга в форме полумесяца.",
    },
    "ring": {
        "nl": "[Hij|Zij] droeg een trouwring met de inscriptie ‘J. 12-5-1961’.",
        "en": "[He|She] wore a wedding ring engraved ‘J. 12-5-1961’.",
        "es": "Llevaba una alianza con la inscripción «J. 12-5-1961».",
        "ar": "[كان يرتدي|كانت ترتدي] خاتم زواج محفورًا عليه «J. 12-5-1961».",
        "ru": "На пальце было обручальное кольцо с гравировкой «J. 12-5-1961».",
    },
    "watch": {
        "nl": "Om de pols zat een goedkoop digitaal horloge van een Japans merk.",
        "en": "A cheap digital watch of a Japanese brand was on the wrist.",
        "es": "En la muñeca llevaba un reloj digital barato de una marca japonesa.",
        "ar": "كانت على المعصم ساعة رقمية رخيصة من ماركة يابانية.",
        "ru": "На запястье были дешёвые электронные часы японской марки.",
    },
    "hip": {
        "nl": "[Hij|Zij] had een kunstheup met een serienummer dat niet meer te herleiden bleek.",
        "en": "[He|She] had an artificial hip whose serial number could no longer be traced.",
        "es": "Tenía una prótesis de cadera cuyo número de serie ya no se pudo rastrear.",
        "ar": "[كان|كانت] لدي[ه|ها] مفصل ورك صناعي تعذّر تتبّع رقمه التسلسلي.",
        "ru": "У [него|неё] был искусственный тазобедренный сустав, серийный номер которого отследить не удалось.",
    },
    "sighting": {
        "nl": "Een buschauffeur meende [hem|haar] later die dag nog te hebben gezien, samen met een onbekende man.",
        "en": "A bus driver believed he saw [him|her] later that day in the company of an unknown man.",
        "es": "Un conductor de autobús creyó verl[o|a] más tarde ese mismo día acompañad[o|a] de un hombre desconocido.",
        "ar": "اعتقد سائق حافلة أنه رآ[ه|ها] في وقت لاحق من ذلك اليوم برفقة رجل مجهول.",
        "ru": "Водитель автобуса полагал, что видел [его|её] позже в тот же день с незнакомым мужчиной.",
    },
    "red_car": {
        "nl": "Bij de plek werd een rode Opel Kadett gezien die niemand kon thuisbrengen.",
        "en": "A red Opel Kadett that nobody could account for was seen near the spot.",
        "es": "Cerca del lugar se vio un Opel Kadett rojo que nadie supo identificar.",
        "ar": "شوهدت قرب المكان سيارة أوبل كاديت حمراء لم يتعرف عليها أحد.",
        "ru": "Рядом с местом видели красный «Опель Кадет», владельца которого так и не нашли.",
    },
    "debt": {
        "nl": "[Hij|Zij] vertelde vrienden kort ervoor dat [hij|zij] geld had geleend van de verkeerde mensen.",
        "en": "Shortly before, [he|she] told friends that [he|she] had borrowed money from the wrong people.",
        "es": "Poco antes había contado a sus amigos que había pedido dinero prestado a la gente equivocada.",
        "ar": "قبل ذلك بقليل [أخبر|أخبرت] أصدقاء[ه|ها] بأن[ه|ها] [اقترض|اقترضت] مالًا من الأشخاص الخطأ.",
        "ru": "Незадолго до этого [он рассказал|она рассказала] друзьям, что [занял|заняла] деньги не у тех людей.",
    },
}

# --- the investigation, then and now ----------------------------------------------------------------------
INVESTIGATION = {
    "heard": {
        "nl": "In het eerste onderzoek werden meer dan driehonderd mensen gehoord, maar een doorbraak bleef uit.",
        "en": "More than three hundred people were interviewed in the first investigation, but there was no breakthrough.",
        "es": "En la primera investigación se interrogó a más de trescientas personas, sin resultado.",
        "ar": "استُجوب أكثر من ثلاثمئة شخص في التحقيق الأول، لكن دون أي تقدم حاسم.",
        "ru": "В ходе первого расследования опросили более трёхсот человек, но прорыва не случилось.",
    },
    "released": {
        "nl": "Een verdachte werd destijds aangehouden, maar bij gebrek aan bewijs weer vrijgelaten.",
        "en": "A suspect was arrested at the time but released for lack of evidence.",
        "es": "En su momento se detuvo a un sospechoso, que quedó en libertad por falta de pruebas.",
        "ar": "اعتُقل مشتبه به في ذلك الوقت، لكن أُطلق سراحه لعدم كفاية الأدلة.",
        "ru": "Тогда задержали подозреваемого, но отпустили за недостатком улик.",
    },
    "dna": {
        "nl": "Het team heeft sporen van toen opnieuw laten onderzoeken met moderne DNA-technieken.",
        "en": "The team has had the original traces examined again with modern DNA techniques.",
        "es": "El equipo ha hecho analizar de nuevo los indicios de entonces con técnicas modernas de ADN.",
        "ar": "أعاد الفريق فحص الآثار التي جُمعت آنذاك بتقنيات الحمض النووي الحديثة.",
        "ru": "Команда заново исследовала следы того времени современными методами анализа ДНК.",
    },
    "tv": {
        "nl": "De zaak was meerdere keren op televisie te zien; dat leverde tips op, maar geen dader.",
        "en": "The case was shown on television several times; it brought in tips, but no culprit.",
        "es": "El caso apareció varias veces en televisión; llegaron pistas, pero no un culpable.",
        "ar": "عُرضت القضية على التلفزيون عدة مرات، فوردت معلومات لكن دون الوصول إلى الفاعل.",
        "ru": "Дело несколько раз показывали по телевидению; поступали сообщения, но виновного не нашли.",
    },
    "search": {
        "nl": "Duikers, speurhonden en honderden vrijwilligers zochten wekenlang, zonder resultaat.",
        "en": "Divers, search dogs and hundreds of volunteers searched for weeks, without result.",
        "es": "Buzos, perros rastreadores y cientos de voluntarios buscaron durante semanas, sin resultado.",
        "ar": "بحث غواصون وكلاب بوليسية ومئات المتطوعين لأسابيع دون نتيجة.",
        "ru": "Водолазы, поисковые собаки и сотни добровольцев искали неделями, но безрезультатно.",
    },
    "face": {
        "nl": "Een forensisch tekenaar heeft een reconstructie van het gezicht gemaakt.",
        "en": "A forensic artist has made a reconstruction of the face.",
        "es": "Un dibujante forense ha realizado una reconstrucción del rostro.",
        "ar": "أعدّ رسام جنائي إعادة بناء للوجه.",
        "ru": "Судебный художник выполнил реконструкцию лица.",
    },
    "isotope": {
        "nl": "Isotopenonderzoek wijst erop dat [hij|zij] de laatste jaren van [zijn|haar] leven niet in Nederland woonde.",
        "en": "Isotope analysis suggests that [he|she] did not live in the Netherlands in the last years of [his|her] life.",
        "es": "Un análisis de isótopos indica que no vivió en los Países Bajos en los últimos años de su vida.",
        "ar": "تشير تحاليل النظائر إلى أن[ه|ها] لم [يعش|تعش] في هولندا في السنوات الأخيرة من حيات[ه|ها].",
        "ru": "Изотопный анализ указывает, что последние годы жизни [он|она] жил[|а] не в Нидерландах.",
    },
    "dna_db": {
        "nl": "[Zijn|Haar] DNA-profiel staat in de databank, maar heeft nog geen match opgeleverd.",
        "en": "[His|Her] DNA profile is in the database but has not produced a match so far.",
        "es": "Su perfil de ADN está en la base de datos, pero aún no ha dado ninguna coincidencia.",
        "ar": "ملف[ه|ها] الجيني مسجل في قاعدة البيانات، لكنه لم يطابق أحدًا حتى الآن.",
        "ru": "[Его|Её] ДНК-профиль внесён в базу данных, но совпадений пока нет.",
    },
    "interpol": {
        "nl": "Via Interpol is in verschillende landen naar vermiste personen gezocht.",
        "en": "Missing-person records in several countries were checked through Interpol.",
        "es": "A través de Interpol se consultaron los registros de personas desaparecidas de varios países.",
        "ar": "جرى البحث في سجلات المفقودين في عدة دول عبر الإنتربول.",
        "ru": "Через Интерпол проверили списки пропавших без вести в нескольких странах.",
    },
}
# The team's view: one per case
NOW = {
    "homicide": {
        "nl": [
            "Het team denkt dat iemand uit de omgeving van {first} meer weet dan toen is verteld.",
            "Het team gaat ervan uit dat de dader de omgeving goed kende.",
            "Relaties veranderen in de loop der jaren: wie toen zweeg, wil nu misschien praten.",
        ],
        "en": [
            "The team believes that someone close to {first} knows more than was said at the time.",
            "The team assumes that the killer knew the area well.",
            "Loyalties change over the years: someone who kept quiet then may want to talk now.",
        ],
        "es": [
            "El equipo cree que alguien del entorno de {first} sabe más de lo que contó entonces.",
            "El equipo supone que el autor conocía bien la zona.",
            "Las lealtades cambian con los años: quien calló entonces quizá quiera hablar ahora.",
        ],
        "ar": [
            "يعتقد الفريق أن شخصًا من محيط {first} يعرف أكثر مما قيل آنذاك.",
            "يرجّح الفريق أن الجاني كان يعرف المنطقة جيدًا.",
            "العلاقات تتغير مع السنين: من صمت آنذاك قد يرغب في الكلام الآن.",
        ],
        "ru": [
            "Команда считает, что кто-то из окружения {first_gen} знает больше, чем рассказал тогда.",
            "Команда полагает, что преступник хорошо знал эти места.",
            "Отношения с годами меняются: тот, кто молчал тогда, может быть, готов заговорить сейчас.",
        ],
    },
    "missing": {
        "nl": [
            "De familie en het team gaan uit van een misdrijf: {first} zou nooit zomaar zijn weggegaan.",
            "Het team denkt dat {first} op de dag van de verdwijning iemand heeft ontmoet die [hij|zij] kende.",
            "Wie weet waar {first} is, kan de familie na al die jaren rust geven.",
        ],
        "en": [
            "The family and the team suspect a crime: {first} would never simply have left.",
            "The team believes that {first} met someone [he|she] knew on the day [he|she] disappeared.",
            "Whoever knows where {first} is can give the family peace after all these years.",
        ],
        "es": [
            "La familia y el equipo sospechan de un delito: {first} nunca se habría ido sin más.",
            "El equipo cree que {first} se encontró con alguien conocido el día de su desaparición.",
            "Quien sepa dónde está {first} puede dar paz a la familia después de tantos años.",
        ],
        "ar": [
            "ترجّح العائلة والفريق وقوع جريمة، فـ{first} ما [كان ليغادر|كانت لتغادر] هكذا ببساطة.",
            "يعتقد الفريق أن {first} [التقى|التقت] في يوم الاختفاء بشخص [يعرفه|تعرفه].",
            "من يعرف مكان {first} يستطيع أن يمنح العائلة السكينة بعد كل هذه السنوات.",
        ],
        "ru": [
            "Семья и команда подозревают преступление: {first} никогда бы просто так не [ушёл|ушла].",
            "Команда считает, что в день исчезновения {first} [встретился|встретилась] с кем-то знакомым.",
            "Тот, кто знает, где {first}, может после стольких лет дать семье покой.",
        ],
    },
    "unidentified": {
        "nl": [
            "Ergens mist een familie al jaren een [vader, zoon of broer|moeder, dochter of zus].",
            "Het team wil deze [man|vrouw] [zijn|haar] naam teruggeven en zo ook achterhalen hoe [hij|zij] is gestorven.",
        ],
        "en": [
            "Somewhere a family has been missing a [father, son or brother|mother, daughter or sister] for years.",
            "The team wants to give this [man|woman] back [his|her] name, and so also find out how [he|she] died.",
        ],
        "es": [
            "En algún lugar una familia lleva años echando de menos a [un padre, un hijo o un hermano|una madre, una hija o una hermana].",
            "El equipo quiere devolverle su nombre y aclarar así también cómo murió.",
        ],
        "ar": [
            "في مكان ما تفتقد عائلة منذ سنوات [أبًا أو ابنًا أو أخًا|أمًا أو ابنة أو أختًا].",
            "يريد الفريق أن يعيد إلي[ه|ها] اسم[ه|ها]، وأن يعرف بذلك كيف [مات|ماتت].",
        ],
        "ru": [
            "Где-то семья уже много лет ищет [отца, сына или брата|мать, дочь или сестру].",
            "Команда хочет вернуть [ему|ей] имя и тем самым выяснить, как [он погиб|она погибла].",
        ],
    },
}
APPEAL = {
    "nl": [
        "Voor de tip die de zaak oplost is een beloning van {reward} beschikbaar. U kunt ook anoniem bellen of schrijven.",
        "Het Openbaar Ministerie heeft een beloning van {reward} uitgeloofd. Tips kunnen anoniem worden gegeven.",
    ],
    "en": [
        "A reward of {reward} is offered for the tip that solves the case. You can also call or write anonymously.",
        "The Public Prosecution Service offers a reward of {reward}. Tips can be given anonymously.",
    ],
    "es": [
        "Se ofrece una recompensa de {reward} por la pista que resuelva el caso. También puede llamar o escribir de forma anónima."
    ],
    "ar": [
        "تُمنح مكافأة قدرها {reward} لمن يقدّم معلومة تؤدي إلى حل القضية. يمكنك أيضًا الاتصال أو الكتابة دون ذكر اسمك."
    ],
    "ru": [
        "За сведения, которые помогут раскрыть дело, назначено вознаграждение {reward}. Можно позвонить или написать анонимно."
    ],
}
APPEAL_NO_REWARD = {
    "nl": "Tips kunnen ook anoniem worden gegeven.",
    "en": "Tips can also be given anonymously.",
    "es": "También se pueden dar pistas de forma anónima.",
    "ar": "يمكن تقديم المعلومات أيضًا دون ذكر الاسم.",
    "ru": "Сообщить сведения можно и анонимно.",
}
OUTCOME = {
    ("solved", "homicide"): {
        "nl": "In {outcome_year} werd de zaak opgelost: na een nieuwe tip werd een verdachte aangehouden, die later is veroordeeld.",
        "en": "The case was solved in {outcome_year}: a new tip led to the arrest of a suspect, who was later convicted.",
        "es": "El caso se resolvió en {outcome_year}: una nueva pista llevó a la detención de un sospechoso, que después fue condenado.",
        "ar": "حُلّت القضية عام {outcome_year}: أدت معلومة جديدة إلى اعتقال مشتبه به صدر بحقه حكم بالإدانة لاحقًا.",
        "ru": "Дело раскрыли в {outcome_year} году: новая информация привела к аресту подозреваемого, позже осуждённого.",
    },
    ("solved", "missing"): {
        "nl": "In {outcome_year} werd het stoffelijk overschot van {first} gevonden, dankzij een tip; een verdachte is veroordeeld.",
        "en": "In {outcome_year} the remains of {first} were found thanks to a tip; a suspect has been convicted.",
        "es": "En {outcome_year} se encontraron los restos de {first} gracias a una pista; un sospechoso ha sido condenado.",
        "ar": "في عام {outcome_year} عُثر على رفات {first} بفضل معلومة، وأُدين مشتبه به.",
        "ru": "В {outcome_year} году благодаря сообщению нашли останки {first_gen}; подозреваемый осуждён.",
    },
    ("solved", "unidentified"): {
        "nl": "In {outcome_year} kreeg [hij|zij] [zijn|haar] naam terug: een familielid herkende de beschrijving en DNA-onderzoek bevestigde het.",
        "en": "In {outcome_year} [he|she] got [his|her] name back: a relative recognised the description and DNA testing confirmed it.",
        "es": "En {outcome_year} recuperó su nombre: un familiar reconoció la descripción y una prueba de ADN lo confirmó.",
        "ar": "في عام {outcome_year} [استعاد|استعادت] اسم[ه|ها]: تعرّف أحد الأقارب على الوصف وأكّد ذلك فحص الحمض النووي.",
        "ru": "В {outcome_year} году [ему|ей] вернули имя: родственник узнал описание, и анализ ДНК это подтвердил.",
    },
    ("closed", "homicide"): {
        "nl": "In {outcome_year} is het onderzoek gesloten: de enige verdachte is overleden en nieuwe aanknopingspunten ontbreken.",
        "en": "The investigation was closed in {outcome_year}: the only suspect has died and there are no new leads.",
        "es": "La investigación se cerró en {outcome_year}: el único sospechoso ha fallecido y no hay pistas nuevas.",
        "ar": "أُغلق التحقيق عام {outcome_year}: توفي المشتبه به الوحيد ولا توجد خيوط جديدة.",
        "ru": "Расследование закрыли в {outcome_year} году: единственный подозреваемый умер, новых зацепок нет.",
    },
    ("closed", "missing"): {
        "nl": "In {outcome_year} is het onderzoek gesloten: nieuw onderzoek wees uit dat {first} door een ongeluk om het leven kwam.",
        "en": "The investigation was closed in {outcome_year}: new research showed that {first} died in an accident.",
        "es": "La investigación se cerró en {outcome_year}: nuevas pesquisas mostraron que {first} murió en un accidente.",
        "ar": "أُغلق التحقيق عام {outcome_year}: أظهر بحث جديد أن {first} [توفي|توفيت] في حادث.",
        "ru": "Расследование закрыли в {outcome_year} году: выяснилось, что {first} [погиб|погибла] в результате несчастного случая.",
    },
    ("closed", "unidentified"): {
        "nl": "In {outcome_year} is het onderzoek gesloten: [hij|zij] is geïdentificeerd en er bleek geen sprake van een misdrijf.",
        "en": "The investigation was closed in {outcome_year}: [he|she] was identified and no crime had been committed.",
        "es": "La investigación se cerró en {outcome_year}: fue [identificado|identificada] y no hubo delito.",
        "ar": "أُغلق التحقيق عام {outcome_year}: [جرى التعرف عليه|جرى التعرف عليها] وتبيّن أنه لا توجد جريمة.",
        "ru": "Расследование закрыли в {outcome_year} году: личность установили, преступления не было.",
    },
}
OUTCOME_SHORT = {
    "solved": {
        "nl": "De zaak is in {outcome_year} opgelost.",
        "en": "The case was solved in {outcome_year}.",
        "es": "El caso se resolvió en {outcome_year}.",
        "ar": "حُلّت القضية عام {outcome_year}.",
        "ru": "Дело раскрыто в {outcome_year} году.",
    },
    "closed": {
        "nl": "Het onderzoek is in {outcome_year} gesloten.",
        "en": "The investigation was closed in {outcome_year}.",
        "es": "La investigación se cerró en {outcome_year}.",
        "ar": "أُغلق التحقيق عام {outcome_year}.",
        "ru": "Расследование закрыто в {outcome_year} году.",
    },
}

# --- the printed question ---------------------------------------------------------------------------------
QUESTION = {
    "home": {
        "nl": [
            "Wie bezocht {first} in de laatste dagen voor [zijn|haar] dood?",
            "Wie had een sleutel van het huis van {first}, of wist waar die lag?",
        ],
        "en": [
            "Who visited {first} in the last days before [his|her] death?",
            "Who had a key to the home of {first}, or knew where it was kept?",
        ],
        "es": ["¿Quién visitó a {first} en los últimos días antes de su muerte?"],
        "ar": ["من زار {first} في الأيام الأخيرة قبل وفات[ه|ها]؟"],
        "ru": ["Кто навещал {first_acc} в последние дни перед [его|её] смертью?"],
    },
    "water": {
        "nl": ["Wie zag {first} die avond nog, en met wie?", "Wie was die avond bij {first} aan het water?"],
        "en": [
            "Who saw {first} that evening, and with whom?",
            "Who was with {first} by the water that evening?",
        ],
        "es": ["¿Quién vio a {first} esa noche, y con quién?"],
        "ar": ["من رأى {first} في تلك الليلة، ومع من؟"],
        "ru": ["Кто видел {first_acc} в тот вечер и с кем?"],
    },
    "street": {
        "nl": [
            "Wie zag de dader wegvluchten, of weet wie het was?",
            "Wie sprak later over wat er die nacht met {first} is gebeurd?",
        ],
        "en": [
            "Who saw the attacker run away, or knows who it was?",
            "Who has since talked about what happened to {first} that night?",
        ],
        "es": ["¿Quién vio huir al agresor o sabe quién fue?"],
        "ar": ["من رأى المعتدي يهرب، أو يعرف من هو؟"],
        "ru": ["Кто видел, как убегал нападавший, или знает, кто это был?"],
    },
    "shop": {
        "nl": [
            "Wie weet wie de overvallers waren, of wie er later opeens veel geld had?",
            "Wie zag vlak voor sluitingstijd iemand de zaak in- of uitgaan?",
        ],
        "en": [
            "Who knows who the robbers were, or who suddenly had a lot of money afterwards?",
            "Who saw someone go into or out of the shop just before closing time?",
        ],
        "es": ["¿Quién sabe quiénes fueron los asaltantes, o quién tuvo de repente mucho dinero después?"],
        "ar": ["من يعرف من هم اللصوص، أو من ظهر معه فجأة مال كثير بعد ذلك؟"],
        "ru": ["Кто знает, кем были грабители, или у кого потом вдруг появились большие деньги?"],
    },
    "road": {
        "nl": [
            "Wie zag {first} onderweg, of een auto die bij [hem|haar] stopte?",
            "Wie reed die nacht over deze weg en zag iets ongewoons?",
        ],
        "en": [
            "Who saw {first} on the way, or a car that stopped beside [him|her]?",
            "Who drove along this road that night and saw something unusual?",
        ],
        "es": ["¿Quién vio a {first} por el camino, o un coche que se detuvo junto a [él|ella]?"],
        "ar": ["من رأى {first} في الطريق، أو سيارة توقفت بجانب[ه|ها]؟"],
        "ru": ["Кто видел {first_acc} по дороге или машину, которая остановилась рядом с [ним|ней]?"],
    },
    "woods": {
        "nl": ["Wie zag {first} na [zijn|haar] verdwijning, of weet hoe [hij|zij] in het bos terechtkwam?"],
        "en": ["Who saw {first} after [he|she] disappeared, or knows how [he|she] ended up in the woods?"],
        "es": ["¿Quién vio a {first} después de su desaparición, o sabe cómo llegó al bosque?"],
        "ar": ["من رأى {first} بعد اختفائ[ه|ها]، أو يعرف كيف [وصل|وصلت] إلى الغابة؟"],
        "ru": ["Кто видел {first_acc} после исчезновения или знает, как [он оказался|она оказалась] в лесу?"],
    },
    "bike": {
        "nl": [
            "Wie zag {first} of [zijn|haar] fiets op de dag van de verdwijning?",
            "Waar ging {first} naartoe nadat [hij|zij] de fiets had neergezet?",
        ],
        "en": [
            "Who saw {first} or [his|her] bicycle on the day [he|she] disappeared?",
            "Where did {first} go after leaving the bicycle?",
        ],
        "es": ["¿Quién vio a {first} o su bicicleta el día de la desaparición?"],
        "ar": ["من رأى {first} أو دراجت[ه|ها] يوم الاختفاء؟"],
        "ru": ["Кто видел {first_acc} или [его|её] велосипед в день исчезновения?"],
    },
    "station": {
        "nl": [
            "Wie zag {first} op het station of in de trein, en met wie?",
            "Met wie had {first} die dag afgesproken?",
        ],
        "en": [
            "Who saw {first} at the station or on the train, and with whom?",
            "Whom had {first} arranged to meet that day?",
        ],
        "es": ["¿Quién vio a {first} en la estación o en el tren, y con quién?"],
        "ar": ["من رأى {first} في المحطة أو في القطار، ومع من؟"],
        "ru": ["Кто видел {first_acc} на вокзале или в поезде и с кем?"],
    },
    "night": {
        "nl": [
            "Wie zag {first} na het verlaten van het café nog, en met wie?",
            "Wie bracht {first} die nacht een stukje weg?",
        ],
        "en": [
            "Who saw {first} after [he|she] left the café, and with whom?",
            "Who gave {first} a lift that night?",
        ],
        "es": ["¿Quién vio a {first} después de salir del bar, y con quién?"],
        "ar": ["من رأى {first} بعد خروج[ه|ها] من المقهى، ومع من؟"],
        "ru": ["Кто видел {first_acc} после того, как [он вышел|она вышла] из кафе, и с кем?"],
    },
    "car": {
        "nl": [
            "Wie zag de auto van {first} op de dag van de verdwijning, en wie zat erin?",
            "Wie weet met wie {first} die ochtend had afgesproken?",
        ],
        "en": [
            "Who saw the car of {first} on the day [he|she] disappeared, and who was in it?",
            "Who knows whom {first} was meeting that morning?",
        ],
        "es": ["¿Quién vio el coche de {first} el día de su desaparición, y quién iba dentro?"],
        "ar": ["من رأى سيارة {first} يوم اختفائ[ه|ها]، ومن كان بداخلها؟"],
        "ru": ["Кто видел машину {first_gen} в день исчезновения и кто в ней был?"],
    },
    "unidentified": {
        "nl": [
            "Wie mist sinds {year} een [man|vrouw] die past bij deze beschrijving?",
            "Wie herkent [hem|haar] aan deze kenmerken?",
        ],
        "en": [
            "Who has been missing a [man|woman] matching this description since {year}?",
            "Who recognises [him|her] from these details?",
        ],
        "es": [
            "¿Quién echa de menos desde {year} a [un hombre|una mujer] que coincida con esta descripción?"
        ],
        "ar": ["من يفتقد منذ عام {year} [رجلًا|امرأة] [يطابق|تطابق] هذا الوصف؟"],
        "ru": ["Кто с {year} года ищет [мужчину|женщину], [подходящего|подходящую] под это описание?"],
    },
}

# --- key date labels --------------------------------------------------------------------------------------
KEY_LABEL = {
    "last_seen": {
        "nl": "{first} voor het laatst gezien",
        "en": "{first} last seen",
        "es": "{first}, vist[o|a] por última vez",
        "ar": "آخر مرة [شوهد|شوهدت] فيها {first}",
        "ru": "{first}: последняя встреча",
    },
    "found_dead": {
        "nl": "{first} dood aangetroffen",
        "en": "{first} found dead",
        "es": "{first}, [hallado muerto|hallada muerta]",
        "ar": "العثور على {first} [ميتًا|ميتة]",
        "ru": "{first}: найден[|а] мёртв[ым|ой]",
    },
    "killed": {
        "nl": "{first} om het leven gebracht",
        "en": "{first} killed",
        "es": "Asesinato de {first}",
        "ar": "مقتل {first}",
        "ru": "Гибель: {first}",
    },
    "body_found": {
        "nl": "Lichaam van {first} gevonden",
        "en": "Body of {first} found",
        "es": "Hallazgo del cuerpo",
        "ar": "العثور على الجثة",
        "ru": "Найдено тело",
    },
    "bike_found": {
        "nl": "Fiets gevonden",
        "en": "Bicycle found",
        "es": "Hallazgo de la bicicleta",
        "ar": "العثور على الدراجة",
        "ru": "Найден велосипед",
    },
    "car_found": {
        "nl": "Auto gevonden",
        "en": "Car found",
        "es": "Hallazgo del coche",
        "ar": "العثور على السيارة",
        "ru": "Найдена машина",
    },
    "remains_found": {
        "nl": "Stoffelijk overschot gevonden",
        "en": "Remains found",
        "es": "Hallazgo de los restos",
        "ar": "العثور على الرفات",
        "ru": "Найдены останки",
    },
}

# --- captions of the illustrations, by scene (see scripts/make_sample_photos.py) ---------------------------
CAPTION = {
    "gables": {
        "nl": "Illustratie: oude huizen met topgevels",
        "en": "Illustration: old houses with gables",
        "es": "Ilustración: casas antiguas con frontones",
        "ar": "رسم توضيحي: منازل قديمة ذات واجهات مدببة",
        "ru": "Иллюстрация: старые дома с фронтонами",
    },
    "canal": {
        "nl": "Illustratie: een gracht met grachtenpanden",
        "en": "Illustration: a canal lined with houses",
        "es": "Ilustración: un canal con casas",
        "ar": "رسم توضيحي: قناة تصطف على جانبيها المنازل",
        "ru": "Иллюстрация: канал с домами по берегам",
    },
    "dyke": {
        "nl": "Illustratie: een dijk met weilanden",
        "en": "Illustration: a dyke and meadows",
        "es": "Ilustración: un dique y prados",
        "ar": "رسم توضيحي: سد ترابي ومروج",
        "ru": "Иллюстрация: дамба и луга",
    },
    "bridge": {
        "nl": "Illustratie: een spoorbrug over het water",
        "en": "Illustration: a railway bridge over the water",
        "es": "Ilustración: un puente ferroviario sobre el agua",
        "ar": "رسم توضيحي: جسر سكة حديد فوق الماء",
        "ru": "Иллюстрация: железнодорожный мост над водой",
    },
    "polder": {
        "nl": "Illustratie: een polder met een molen",
        "en": "Illustration: a polder with a windmill",
        "es": "Ilustración: un pólder con un molino",
        "ar": "رسم توضيحي: أرض مستصلحة وطاحونة هواء",
        "ru": "Иллюстрация: польдер с ветряной мельницей",
    },
    "forest": {
        "nl": "Illustratie: een bospad",
        "en": "Illustration: a path through the woods",
        "es": "Ilustración: un sendero en el bosque",
        "ar": "رسم توضيحي: ممر في الغابة",
        "ru": "Иллюстрация: лесная тропа",
    },
    "beach": {
        "nl": "Illustratie: strand en duinen",
        "en": "Illustration: beach and dunes",
        "es": "Ilustración: playa y dunas",
        "ar": "رسم توضيحي: شاطئ وكثبان رملية",
        "ru": "Иллюстрация: пляж и дюны",
    },
    "bicycle": {
        "nl": "Illustratie: een fiets tegen een muur",
        "en": "Illustration: a bicycle against a wall",
        "es": "Ilustración: una bicicleta contra una pared",
        "ar": "رسم توضيحي: دراجة مسندة إلى جدار",
        "ru": "Иллюстрация: велосипед у стены",
    },
    "car": {
        "nl": "Illustratie: een auto op een landweg",
        "en": "Illustration: a car on a country road",
        "es": "Ilustración: un coche en una carretera rural",
        "ar": "رسم توضيحي: سيارة على طريق ريفي",
        "ru": "Иллюстрация: машина на просёлочной дороге",
    },
    "silhouette": {
        "nl": "Illustratie: silhouet, geen portret",
        "en": "Illustration: a silhouette, not a portrait",
        "es": "Ilustración: una silueta, no un retrato",
        "ar": "رسم توضيحي: صورة ظلية وليست صورة شخصية",
        "ru": "Иллюстрация: силуэт, а не портрет",
    },
    "portrait": {
        "nl": "Tekening, geen echt persoon (voorbeelddata)",
        "en": "Drawing, not a real person (sample data)",
        "es": "Dibujo, no es una persona real (datos de ejemplo)",
        "ar": "رسم، ليس شخصًا حقيقيًا (بيانات تجريبية)",
        "ru": "Рисунок, не реальный человек (пример)",
    },
}

# Place descriptions for the translated `place` field (the Dutch place keeps its street name).
SPOT = {
    "canal": {"en": "by a canal", "es": "junto a un canal", "ar": "قرب قناة", "ru": "у канала"},
    "river": {
        "en": "on the river bank",
        "es": "a orillas del río",
        "ar": "على ضفة النهر",
        "ru": "на берегу реки",
    },
    "home": {"en": "at home", "es": "en su casa", "ar": "في المنزل", "ru": "дома"},
    "street": {"en": "city centre", "es": "centro de la ciudad", "ar": "وسط المدينة", "ru": "центр города"},
    "shop": {"en": "shop", "es": "tienda", "ar": "المحل", "ru": "магазин"},
    "road": {"en": "country road", "es": "carretera rural", "ar": "طريق ريفي", "ru": "загородная дорога"},
    "woods": {"en": "woodland", "es": "zona boscosa", "ar": "منطقة حرجية", "ru": "лес"},
    "station": {"en": "railway station", "es": "estación de tren", "ar": "محطة القطار", "ru": "вокзал"},
    "beach": {"en": "beach", "es": "playa", "ar": "الشاطئ", "ru": "пляж"},
    "polder": {"en": "polder", "es": "pólder", "ar": "الأرض المستصلحة", "ru": "польдер"},
    "harbour": {"en": "harbour", "es": "puerto", "ar": "الميناء", "ru": "порт"},
    "village": {"en": "village centre", "es": "centro del pueblo", "ar": "وسط القرية", "ru": "центр деревни"},
}
