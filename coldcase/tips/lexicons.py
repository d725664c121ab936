"""Words the triage score looks for, in every language of the site (nl, en, es, ar, ru, pl). Data only.

Each list holds words or phrases as people type them; :mod:`coldcase.tips.textscan` folds them (lower case, no
accents) before matching, so "Politie" and "politie", "sueño" and "sueno" are one entry. A phrase that ends
with ``*`` matches any ending ("снил*" finds "снился", "снилось"): Russian, Polish and Arabic inflect, and a
list of every form would never be complete.

These are general signs of how tipsters write, chosen from how tip lines describe weak and strong tips, not
fitted to any one tip. Add to them freely; keep every language in step.
"""

from __future__ import annotations

#: Function words: never counted as new or as published information (they are on every page).
STOPWORDS: dict[str, str] = {
    "nl": """de het een en of maar dat die dit deze daar hier er ik je jij u hij zij ze wij we jullie mij me
        mijn zijn haar hun ons onze is was waren ben bent wordt werd worden zou zouden kan kon kunnen moet
        moest wil wilde heb hebt heeft had hadden hebben niet geen wel ook nog al toen dan als want omdat
        om op in aan bij van voor met naar uit over tot door onder tegen na zonder vanaf sinds of nu
        wat wie waar hoe welke wanneer heel erg veel meer toch zo even eens iets niets iemand niemand
        gaan ging gaat komen kwam komt zeggen zei zegt weet weten wist gedaan doen deed dus ja nee
        elke alle alles hem hen jou jouw uw zich zelf den der des ten ter tot mee""",
    "en": """the a an and or but that this these those there here i you he she it we they me him her us them
        my your his its our their is was were be been being am are has have had do does did not no yes
        also too then than as because so if when where what who whom which how why to of in on at by for
        with from into onto over under about after before since until out up down off again very just
        would could should can will shall may might must there's it's i'm don't didn't one some any all
        anything something nothing someone anyone nobody know knew said say says went go going got get""",
    "es": """el la los las un una unos unas y o pero que este esta esto estos estas ese esa eso ahi aqui
        yo tu usted el ella nosotros ellos ellas me te se le les lo nos mi mis su sus es era eran fue ser
        estar estaba esta estan ha han habia hay he no si tambien muy mas ya cuando donde como quien que
        de del a al en con por para sin sobre entre desde hasta hacia contra porque pues algo nada alguien
        nadie todo todos sabe se dijo dice""",
    "ar": """في من على إلى الى عن مع هذا هذه ذلك تلك هو هي هم أنا انا أنت نحن كان كانت يكون لا لم لن ما
        ماذا من متى أين كيف أو و ثم لكن أن ان إن قد كل بعض عند بعد قبل حتى التي الذي الذين هناك هنا
        أيضا جدا فقط""",
    "ru": """и в во не что он она оно они я ты вы мы на с со как а то все всё так его её ее их но да нет
        к у же за бы по только мне меня мой моя моё мое мои был была было были быть есть от из о об
        ещё еще когда где кто это этот эта эти тот та те там тут вот ну или ли если уже для до при
        чем чтобы очень тоже себя свой своя знаю знает сказал сказала""",
    "pl": """i w we z ze na nie to że ze jest był była było byli być ja ty on ona ono my wy oni one mnie mi
        mój moja moje jego jej ich nasz się sie tak ale a o od do po przez przy dla bez pod nad za jak
        co kto gdzie kiedy czy już juz jeszcze tylko też tez bardzo tam tu ten ta te tego tej wiem
        wie powiedział powiedziala""",
}

#: Weak signals: each lowers the score, in every language. ``speculation`` counts only when the tip names
#: nothing new (a guess with a plate in it is still a lead).
WEAK_SIGNALS: dict[str, tuple[str, ...]] = {
    "speculation": (
        # nl
        "misschien", "volgens mij", "ik denk dat", "ik vermoed", "zou kunnen", "het zou", "wellicht",
        "mijn gevoel", "onderbuik", "ik gok", "theorie",
        # en
        "maybe", "perhaps", "i think", "i guess", "i believe", "my theory", "could have been", "might have",
        "gut feeling", "probably", "i suspect",
        # es
        "quizas", "quiza", "tal vez", "creo que", "a lo mejor", "supongo", "mi teoria", "puede que",
        # ar
        "ربما", "أعتقد", "اعتقد", "أظن", "اظن", "يمكن أن", "نظرية",
        # ru
        "может быть", "наверное", "думаю", "мне кажется", "возможно", "предполагаю", "теория",
        # pl
        "może", "chyba", "myślę że", "wydaje mi się", "przypuszczam", "moja teoria", "prawdopodobnie",
    ),
    "dream_or_psychic": (
        "droom", "gedroomd", "droomde", "helderziend*", "paragnost", "medium", "visioen", "waarzegger",
        "tarot", "pendel", "geesten", "spirit*",
        "dream*", "psychic", "clairvoyan*", "vision", "astrolog*", "ouija",
        "sueño", "soñe", "soñé", "vidente", "clarividente", "tarot", "espiritus", "espíritus",
        "حلم*", "منام", "رؤيا", "عراف*", "الأرواح",
        "сон", "снил*", "приснил*", "экстрасенс*", "ясновид*", "гадалк*", "духи", "таро",
        "sen", "śnił*", "sniło", "jasnowidz*", "wróżk*", "wizj*", "duchy",
    ),
    # The reward itself, or being paid for telling. Money alone ("ruzie over geld", "owed money") is often the
    # motive, not a question about the reward: see MONEY_WORDS and DEMAND_WORDS.
    "reward_only": (
        "beloning", "uitbetaald", "uitbetaling", "reward", "get paid", "be paid", "recompensa", "me pagan",
        "مكافأة", "مكافاة", "المكافأة", "вознагражден*", "награда", "награду", "nagrod*",
    ),
    "complaint": (
        "politie doet niks", "politie doet niets", "incompetent", "schande", "belachelijk", "waardeloos",
        "police do nothing", "police did nothing", "useless police", "disgrace", "corrupt*", "cover up",
        "la policia no hace nada", "vergüenza", "inútiles", "inutiles",
        "الشرطة لا تفعل", "فاسد*", "عار",
        "полиция ничего", "позор", "бездельник*", "коррупц*",
        "policja nic", "skandal", "nieudolni", "korupcj*",
    ),
    "advertising": (
        "gratis offerte", "bel nu", "korting", "aanbieding", "lenen zonder", "bitcoin", "crypto", "casino",
        "free quote", "call now", "buy now", "discount", "loan", "click here", "klik hier", "viagra",
        "oferta", "descuento", "préstamo", "prestamo", "haga clic", "عرض خاص", "خصم", "قرض",
        "скидк*", "кредит", "звоните", "купить", "promocj*", "rabat", "pożyczk*", "kliknij",
    ),
    "greeting_only": (
        "hallo", "hoi", "goedendag", "groetjes", "hello", "hi", "hey", "test", "testing", "hola", "saludos",
        "مرحبا", "السلام عليكم", "привет", "здравствуйте", "cześć", "czesc", "dzień dobry",
    ),
}

#: A motive the tipster reports: a quarrel, a debt, jealousy, a threat, revenge. Investigators ask "who had a
#: reason?"; a tip that answers it adds something even when it names nobody.
MOTIVE_PHRASES: tuple[str, ...] = (
    "ruzie", "ruzies", "schulden", "geld schuldig", "geld lenen", "bedreigd*", "bedreigde", "jaloers*", "wraak",
    "afrekening", "conflict",
    "fight about", "fight over", "fight with", "quarrel*", "argument with", "owed", "debt*", "threatened",
    "jealous*", "revenge", "feud",
    "pelea", "peleado", "discusión", "discusion", "debía", "debia", "deuda*", "amenaz*", "celos", "celoso",
    "venganza",
    "خلاف", "شجار", "دين", "ديون", "هدد*", "تهديد", "غيرة", "انتقام",
    "ссор*", "поссорил*", "долг", "долга", "долги", "долгов", "задолжал*", "угрожал*", "ревн*", "месть", "отомст*",
    "kłótni*", "kłócił*", "pokłócił*", "dług*", "winien", "groził*", "zazdros*", "zemst*",
)

#: Money words: a question about the reward only together with a demand (:data:`DEMAND_WORDS`), since money is
#: just as often the motive a tip reports ("een ruzie over geld", "he owed money").
MONEY_WORDS: tuple[str, ...] = (
    "geld", "centen", "money", "cash", "dinero", "plata", "مال", "المال", "فلوس", "деньги", "денег",
    "pieniądze", "pieniadze", "pieniędzy", "kasa", "kasę",
)
#: Asking for money first ("eerst wil ik geld", "how much", "cuánto me dan"): with a money word, reward talk.
DEMAND_WORDS: tuple[str, ...] = (
    "eerst", "hoeveel", "krijg ik", "wil ik", "how much", "first", "do i get", "i want", "cuanto", "cuánto",
    "primero", "quiero", "كم", "أولا", "اولا", "أريد", "اريد", "сколько", "сначала", "хочу", "ile", "najpierw",
    "chcę", "chce",
)

#: The tipster says they were there ("ik zag", "I saw"): first-hand detail, whatever the form said.
FIRST_HAND_PHRASES: tuple[str, ...] = (
    "ik zag", "ik heb gezien", "ik heb hem gezien", "ik heb haar gezien", "ik was erbij", "ik woonde",
    "zag ik", "ik stond", "ik reed", "ik hoorde een", "ik werkte",
    "i saw", "i have seen", "i was there", "i lived", "i worked", "i heard a", "i noticed", "i watched",
    "yo vi", "vi a", "vi un", "vi una", "yo estaba", "trabajaba", "vivia",
    "رأيت", "شاهدت", "كنت هناك", "سمعت صوت",
    "я видел*", "я видела", "видел как", "я был там", "я была там", "я работал*", "я жил*",
    "widziałem", "widziałam", "widzialem", "byłem tam", "byłam tam", "pracowałem", "mieszkałem",
)

#: Someone told the tipster ("mijn celmaat vertelde"): hearsay, often from a cell or a bar. Not a weak signal
#: by itself: with new names in it, it is the kind of tip the calendar exists for.
SECOND_HAND_PHRASES: tuple[str, ...] = (
    "vertelde mij", "vertelde me", "zei tegen mij", "zei tegen me", "heb gehoord", "hoorde van", "celmaat",
    "medegedetineerde", "op de luchtplaats", "zei dat hij", "schepte op", "opschepte",
    "told me", "he said he", "she said he", "i heard that", "cellmate", "inmate", "bragged", "boasted",
    "me dijo", "me contó", "me conto", "compañero de celda", "companero de celda", "escuché que", "presumía",
    "أخبرني", "قال لي", "سمعت أن", "زميلي في الزنزانة", "السجين",
    "рассказал*", "сказал мне", "сокамерник*", "слышал что", "хвастал*",
    "powiedział mi", "powiedziala mi", "współwięzień", "wspolwiezien", "słyszałem że", "chwalił się",
)

#: Someone claims the deed, or knowledge only an insider has: counted with the hearsay.
ADMISSION_PHRASES: tuple[str, ...] = (
    "bekende", "heeft bekend", "zei dat hij het gedaan", "hij heeft het gedaan", "begraven", "gedumpt",
    "confessed", "admitted", "he did it", "buried", "dumped",
    "confesó", "confeso", "admitió", "lo hizo", "enterr*",
    "اعترف", "دفن*",
    "признал*", "это сделал", "закопал*", "похоронил*",
    "przyznał*", "zrobił to", "zakopał*",
)

#: Possessives that make a kin or social noun the tipster's own ("mijn zwager", "my flatmate", "моя соседка").
_MY: dict[str, tuple[str, ...]] = {
    "nl": ("mijn", "m'n"), "en": ("my",), "es": ("mi", "mis"), "ru": ("мой", "моя", "мои", "моего", "моей"),
    "pl": ("mój", "moja", "moi", "mojego", "mojej"),
}
#: Kin and social nouns per language; ``*`` for inflected forms ("mothers", "сестры").
_KIN: dict[str, tuple[str, ...]] = {
    "nl": ("ex", "vader", "moeder", "ouders", "broer", "zus", "zwager", "schoonzus", "schoonvader",
           "schoonmoeder", "oom", "tante", "neef", "nicht", "opa", "oma", "buurman", "buurvrouw", "buren",
           "collega", "huisgenoot", "man", "vrouw", "zoon", "dochter", "baas", "vriend", "vriendin",
           "stiefvader", "stiefmoeder", "celmaat", "familie"),
    "en": ("ex", "father*", "dad", "mother*", "mum", "mom", "parents", "brother*", "sister*", "brother in law",
           "sister in law", "uncle", "aunt*", "cousin*", "grandmother", "grandfather", "grandma", "grandpa",
           "neighbour*", "neighbor*", "colleague*", "flatmate", "roommate", "husband", "wife", "son", "daughter",
           "boss", "stepfather", "stepmother", "boyfriend", "girlfriend", "friend", "family"),
    "es": ("ex", "padre", "madre", "padres", "hermano", "hermana", "cuñado", "cuñada", "tío", "tio", "tía",
           "tia", "primo", "prima", "abuela", "abuelo", "vecino", "vecina", "compañero", "compañera", "marido",
           "esposa", "esposo", "hijo", "hija", "jefe", "novio", "novia", "padrastro", "amigo", "amiga",
           "familia"),
    "ru": ("бывш*", "отец", "отца", "мать", "матери", "брат*", "сестр*", "муж*", "жена", "жены", "дядя",
           "дяди", "тетя", "тётя", "тети", "тёти", "сосед*", "коллег*", "друг*", "подруг*", "начальник*",
           "сын*", "доч*", "бабушк*", "дедушк*"),
    "pl": ("był*", "ojciec", "ojca", "matka", "matki", "brat*", "siostr*", "mąż", "męża", "żona", "żony",
           "wujek", "wujka", "ciotk*", "sąsiad*", "kolega", "kolegi", "szwagier*", "szef*", "chłopak*",
           "dziewczyn*", "syn*", "córk*", "babci*", "dziadk*", "przyjaciel*", "przyjaciółk*"),
}
#: Someone the tipster knows: a person who can be found through the tipster, a lead even when no name is
#: given. Every possessive with every kin noun of its language; Arabic joins "my" to the noun (زوجي, أختي).
RELATIONS: tuple[str, ...] = tuple(f"{my} {kin}" for lang, mine in _MY.items() for my in mine
                                   for kin in _KIN[lang]) + (
    "زوجي", "زوجي السابق", "أخي", "اخي", "أختي", "اختي", "أبي", "ابي", "أمي", "امي", "عمي", "عمتي", "خالي",
    "خالتي", "جاري", "جارتي", "جارتنا", "جارنا", "صديقي", "صديقتي", "زميلي", "زميلتي", "ابن عمي", "ابنة عمي",
    "زوجتي", "ابني", "ابنتي",
)

#: Capitalised words that are not leads: God and prophets, feasts, greetings.
NOT_NAMES: tuple[str, ...] = (
    "god", "jezus", "jezus christus", "heer", "allah", "prophet", "profeet", "jannah", "ramadan", "kerst",
    "pasen", "christmas", "easter", "lord", "jesus", "dios", "señor", "navidad", "бог", "господь", "христос",
    "bóg", "jezu", "pan bóg", "rip", "amen", "inshallah", "mubarak",
)

#: Vehicles: a kind of vehicle or a make counts as checkable detail when the case does not mention it.
VEHICLES: tuple[str, ...] = (
    "auto", "busje", "bestelbus", "bestelwagen", "vrachtwagen", "brommer", "scooter", "motor", "camper",
    "caravan", "taxi", "bootje", "boot", "aanhanger",
    "car", "van", "truck", "lorry", "motorbike", "motorcycle", "pickup", "boat", "trailer",
    "coche", "carro", "furgoneta", "camion", "camión", "moto", "barco",
    "سيارة", "شاحنة", "دراجة نارية", "قارب",
    "машин*", "автомобил*", "фургон*", "грузовик*", "мотоцикл*", "лодк*",
    "samochod*", "samochód", "furgonetk*", "ciężarówk*", "motocykl*", "łódk*",
    "opel", "volkswagen", "vw", "golf", "polo", "mercedes", "bmw", "ford", "fiat", "peugeot", "renault",
    "toyota", "volvo", "audi", "citroen", "citroën", "seat", "skoda", "lada", "mazda", "nissan", "kia",
    "saab", "honda", "hyundai", "transit", "sprinter", "kadett", "astra", "corsa", "escort", "fiesta",
)

#: Word endings and words that make a name a street, a road or a place.
STREET_SUFFIXES: tuple[str, ...] = (
    "straat", "weg", "laan", "plein", "gracht", "kade", "dijk", "singel", "steeg", "dreef", "hof", "pad",
    "park", "bos", "meer", "haven", "brug", "markt", "veld", "hoek", "strasse", "straße",
)
STREET_WORDS: tuple[str, ...] = (
    "street", "road", "lane", "avenue", "square", "bridge", "parking", "car park", "petrol station",
    "tankstation", "parkeerplaats", "camping", "station", "calle", "avenida", "plaza", "gasolinera",
    "شارع", "ميدان", "محطة", "улиц*", "ул", "проспект", "площад*", "заправк*", "ulic*", "ul",
    "aleja", "plac", "stacj*",
)

#: Organisations and places of work: a named firm, café or club is a lead.
ORGANISATION_WORDS: tuple[str, ...] = (
    "bv", "b.v", "garage", "cafe", "café", "kroeg", "bar", "disco", "discotheek", "club", "sportschool",
    "fabriek", "bedrijf", "firma", "snackbar", "coffeeshop", "hotel", "restaurant", "supermarkt", "school",
    "company", "factory", "pub", "shop", "gym", "empresa", "fabrica", "fábrica", "taller", "discoteca",
    "شركة", "مقهى", "مصنع", "фирм*", "завод*", "бар", "кафе", "клуб", "firm*", "fabryk*", "klub",
)

#: Words after which a name follows ("een man genaamd Ricky", "зовут Саша"): finds names in scripts without
#: capitals and in texts typed all in lower case.
NAME_MARKERS: tuple[str, ...] = (
    "genaamd", "heet", "heette", "bijnaam", "called", "named", "nicknamed", "llamado", "llamada", "apodado",
    "se llama", "اسمه", "اسمها", "يدعى", "يدعي", "зовут", "звали", "по имени", "кличка", "nazywa się",
    "nazywał się", "imieniem", "ksywa",
    # "ene Sandra", "a certain Rob", "un tal Bilal", "некий Олег", "pewien Marek": a name follows.
    "ene", "een zekere", "a certain", "un tal", "una tal", "некий", "некая", "pewien", "pewna",
    # Arabic has no capitals: its names are found after "named" (also with the joined "and": واسمه) and
    # places after "city", "town", "street".
    "واسمه", "واسمها", "المدعو", "مدينة", "بلدة", "قرية", "شارع",
)

#: Times of day in words ("om 9 uur", "a las 10", "в 10 часов", "o 22", "الساعة"): the digits follow.
TIME_WORDS: tuple[str, ...] = ("uur", "u", "h", "am", "pm", "o'clock", "horas", "las", "часов", "час", "часа",
                               "godz", "godzinie", "الساعة")
