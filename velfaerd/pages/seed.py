"""The site's default content: every sentence of the original "Velfærdsledelse" page.

The original gives no web addresses, so none are invented here: editors fill them in. Every call to action points at
an item with its own page on this site, so each link works either way.
"""

import datetime

ORGANISATIONS = {
    "vaeksthus-for-ledelse": "Væksthus for Ledelse",
    "videncenter-for-velfaerdsledelse": "Videncenter for Velfærdsledelse",
    "moderniseringsstyrelsen": "Moderniseringsstyrelsen",
    "danske-regioner": "Danske Regioner",
    "kl": "KL",
    "mandag-morgen": "Mandag Morgen",
    "ergoterapeutforeningen": "Ergoterapeutforeningen",
    "lederweb": "Lederweb",
    "cok": "COK",
}

THEMES = {
    "ledelse-af-modet-mellem-borgeren-og-det-offentlige": "Ledelse af mødet mellem borgeren og det offentlige",
    "ledelse-af-forandringer-og-kvalitetsudvikling-i-en-krisetid": (
        "Ledelse af forandringer og kvalitetsudvikling i en krisetid"
    ),
    "ledelse-af-den-professionsfaglige-arbejdsplads": "Ledelse af den professionsfaglige arbejdsplads",
    "ledelsesrum-i-velfaerdsinstitutionen": "Ledelsesrum i velfærdsinstitutionen",
}

MASKINRUMMET_TEXT = (
    '<p>Væksthus for Ledelse vil med magasinet "Maskinrummet" inspirere og opfordre topledere i det offentlige til '
    "at dele erfaringer og nye løsninger.</p>"
    "<p>Velfærdssamfundet er kommet for at blive. Men det skal nytænkes. Forholdet mellem borgere, det offentlige og "
    "erhvervslivet er forandret, og alle skal finde deres nye roller. I dette magasin giver Væksthus for Ledelse input "
    "til debatten om fremtidens velfærdssamfund. Velfærdssamfundets udfordringer kan ikke løses med mindre "
    "reparationer. Det er nødvendigt med en gennemgribende renovering – uden det ødelægger fundamentet.</p>"
    "<p>Fælles for de interviewede er, at de vil vores velfærdssamfund. De tror på det. Og de deler i magasinet "
    "veloplagt ud af deres synspunkter, erfaringer og ideer.</p>"
)

BROBYGGERNE_INTRO = (
    '<p>Der er konkret inspiration, at hente i publikationen "Brobyggerne". Her kan du læse om erfaringer fra de ti '
    "projekter i tre tværgående perspektiver: at skabe en samlende mening, lede tværgående relationer og styrke "
    "udviklingskulturen.</p>"
)

THEME_LIST = "<ul>" + "".join(f"<li>{name}</li>" for name in THEMES.values()) + "</ul>"

BROBYGGERNE_TEXT = (
    BROBYGGERNE_INTRO
    + "<p>Videncenter for Velfærdsledelse står bag projekterne og både publikationen og hjemmesiden giver dig "
    "spændende inspiration fra de ti projekter inden for ledelsestemaer:</p>"
    + THEME_LIST
    + "<p>Moderniseringsstyrelsen, Danske Regioner og KL er gået sammen om at etablere Videncenter for "
    "Velfærdsledelse.</p>"
)

LEDER_PAA_KANTEN_TEXT = (
    "<p>Mandag Morgen har sammen med en række kommuner, uddannelsesinstitutioner og faglige, interesse- og frivillige "
    "organisationer taget initiativ til projektet Ny velfærd, ny ledelse. Når vi vil ændre velfærden, skal vi ændre "
    "lederrollen. I årtier har vi uddannet velfærdsledere til at udvikle og lede organisationer, der leverer klart "
    "definerede serviceydelser til borgerne. Fremover skal organisationerne være åbne for såvel borgere som "
    "lokalsamfund og kunne samarbejde med andre organisationer uanset sektor. Det indebærer en ny, udvidet "
    "ledelsesopgave.</p>"
    "<p>Deltagerne I projektet har diskuteret de udfordringer, som lederne står overfor og gode eksempler på "
    "velfærdsledere, der indtager ny lederroller. Publikationen Leder på kanten viser de gode eksempler, og "
    "præsenterer en række greb og metoder, som kan bruges til at arbejde med de nye lederroller.</p>"
)

MEDARBEJDER_MED_VILJE_TEXT = (
    "<p>Forandringerne i velfærden betyder også nye roller for medarbejderne. Derfor har Mandag Morgen sideløbende "
    "arbejdet med projektet Medarbejderroller i fremtidens velfærdssamfund. Ergoterapeutforeningen har deltaget i "
    "dette projekt og været en del af styregruppen.</p>"
)

HILDEBRANDT_TEXT = (
    "De ledere, der står i spidsen for velfærdsproduktionen, er udsat for et urimeligt krydspres fra borgere, medier, "
    "medarbejdere og egen organisation. Derfor er det på tide at gøre op med kontrol- og dokumentationstyranniet og "
    "give lederne plads til rent faktisk at lede. De skal have tillid, frihed og ansvar."
)

COK_SUMMARY = (
    "<p>COK har i 2015 spurgt en lang række kommunale ledere på alle niveauer, hvilke temaer og tendenser, de ser som "
    "de mest udfordrende ifht. at være leder i den kommunale sektor.</p>"
)

COK_FINDINGS = [
    "Det absolut mest udfordrende ledelsestema er ledelse i forandringsprocesser og dernæst ledelse i implementering "
    "af kommunalpolitiske målsætninger.",
    "Generelt oplever respondenterne, at udfordringerne inden for de enkelte ledelsestemaer opstår som følge af et "
    "øget tids- og opgavepres.",
    "Desuden er de kommunale ledere udfordret af at få gjort medarbejderne mere parate, deltagende og medskabende i "
    "forhold til nye udfordringer.",
    "Undersøgelsen viser, at især yngre ledere føler sig udfordret.",
    "Undersøgelsen viser ingen geografiske forskelle i, hvilke udfordringer respondenterne oplever.",
    "¾ af respondenterne oplever, at kerneopgaven har forandret sig i den tid, hvor de har virket som ledere.",
    "Forandringerne skyldes primært et øget behov for at arbejde tværgående/-fagligt og levere mere varierede ydelser.",
    "På samtlige ledelsesniveauer oplever de kommunale ledere et behov for tværfaglighed i løsningen af kerneopgaven.",
    "Undersøgelsen viser dog, at tværfaglighed fylder mindre i ledelsesopgaven jo mere decentralt den enkelte leder "
    "er placeret i den kommunale organisation.",
]

PUBLICATIONS = [
    {
        "slug": "maskinrummet",
        "title": "Maskinrummet",
        "subtitle": "Hvor er velfærdssamfundet på vej hen?",
        "kind": "magazine",
        "summary": MASKINRUMMET_TEXT,
        "publishers": ["vaeksthus-for-ledelse"],
        "themes": [],
    },
    {
        "slug": "brobyggerne",
        "title": "Brobyggerne",
        "subtitle": "Erfaringer om ledelse af fremtidens velfærd",
        "kind": "publication",
        "summary": BROBYGGERNE_INTRO + THEME_LIST,
        "publishers": ["videncenter-for-velfaerdsledelse"],
        "themes": list(THEMES),
    },
    {
        "slug": "leder-paa-kanten",
        "title": "Leder på kanten",
        "subtitle": "Nye lederroller",
        "kind": "publication",
        "summary": LEDER_PAA_KANTEN_TEXT,
        "publishers": ["mandag-morgen"],
        "themes": [],
    },
    {
        "slug": "medarbejder-med-vilje",
        "title": "Medarbejder med vilje",
        "subtitle": "Medarbejderroller i fremtidens velfærdssamfund",
        "kind": "publication",
        "summary": MEDARBEJDER_MED_VILJE_TEXT,
        "publishers": ["mandag-morgen"],
        "themes": [],
    },
]

KNOWLEDGE_CENTRE = {
    "slug": "videncenter-for-velfaerdsledelse",
    "name": "Videncenter for Velfærdsledelse",
    "description": (
        "<p>Moderniseringsstyrelsen, Danske Regioner og KL er gået sammen om at etablere Videncenter for "
        "Velfærdsledelse.</p>"
    ),
    "founders": ["moderniseringsstyrelsen", "danske-regioner", "kl"],
    "themes": list(THEMES),
}

ARTICLE = {
    "slug": "ud-med-dokumentationstyranniet-og-ind-med-tillid",
    "title": "Ud med dokumentationstyranniet og ind med tillid",
    "author": "Hildebrandt",
    "standfirst": HILDEBRANDT_TEXT,
    "source": "lederweb",
}

SURVEY_REPORT = {
    "slug": "coks-lederundersoegelse-2015",
    "title": "COK´s lederundersøgelse 2015",
    "organisation": "cok",
    "year": 2015,
    "summary": COK_SUMMARY,
    "findings": COK_FINDINGS,
}

SECTION = {"slug": "leder", "title": "Leder"}

THEME_PAGE = {
    "slug": "velfaerdsledelse",
    "title": "Velfærdsledelse",
    "description": (
        "Et udsnit af de perspektiver, der tegner sig, når vi skal lede, forandre og tilpasse velfærdssamfundet til de "
        "nye tider."
    ),
    "intro": (
        "<p>Der er ved at ske et paradigmeskifte i danskernes opfattelse af velfærdssamfundet, og hvordan vi skal "
        "lede, forandre og tilpasse det til de nye tider. Her på siden kan du læse et udsnit af de perspektiver, der "
        "tegner sig.</p>"
    ),
    "last_updated": datetime.date(2017, 2, 13),
}

# Each section: heading, sub-heading, text, and its calls to action as (text before the link, link text, target).
# A target is (kind, slug) with kind one of CallToAction.TARGET_FIELDS.
PAGE_SECTIONS = [
    {
        "heading": "MASKINRUMMET - hvor er velfærdssamfundet på vej hen?",
        "subheading": "Hvor er velfærdssamfundet på vej hen?",
        "body": MASKINRUMMET_TEXT,
        "calls_to_action": [("", "Læs publikationen MASKINRUMMET", ("publication", "maskinrummet"))],
    },
    {
        "heading": "BROBYGGERNE - erfaringer om ledelse af fremtidens velfærd",
        "subheading": "",
        "body": BROBYGGERNE_TEXT,
        "calls_to_action": [
            ("", 'Læs publikationen "Brobyggerne"', ("publication", "brobyggerne")),
            (
                "",
                "Link til Videncenter for Velfærdsledelse",
                ("knowledge_centre_link", "videncenter-for-velfaerdsledelse"),
            ),
        ],
    },
    {
        "heading": "LEDER PÅ KANTEN - nye lederroller",
        "subheading": "",
        "body": LEDER_PAA_KANTEN_TEXT,
        "calls_to_action": [
            (
                "",
                "Læs publikationen LEDER PÅ KANTEN",
                ("publication", "leder-paa-kanten"),
            ),
            (
                MEDARBEJDER_MED_VILJE_TEXT,
                "Læs publikationen MEDARBEJDER MED VILJE",
                ("publication", "medarbejder-med-vilje"),
            ),
        ],
    },
    {
        "heading": "Hildebrandt: Ud med dokumentationstyranniet og ind med tillid",
        "subheading": "",
        "body": f"<p>{HILDEBRANDT_TEXT}</p>",
        "calls_to_action": [("", "Læs artiklen på Lederweb", ("article", ARTICLE["slug"]))],
    },
    {
        "heading": "COK´s lederundersøgelse 2015",
        "subheading": "",
        "body": COK_SUMMARY + "<p>" + " ".join(COK_FINDINGS) + "</p>",
        "calls_to_action": [("", "Du kan læse rapporten her", ("survey_report", SURVEY_REPORT["slug"]))],
    },
]

ACCESSIBILITY_STATEMENT = {
    "slug": "tilgaengelighedserklaering",
    "title": "Tilgængelighedserklæring",
    "description": "Sådan arbejder vi for, at alle kan bruge sitet, og hvad du kan gøre, hvis noget ikke virker.",
    "body": (
        "<p>Sitet skal kunne bruges af alle, også med skærmlæser, forstørrelse eller kun tastatur. Vi arbejder efter "
        "standarden WCAG 2.1 på niveau AA.</p>"
        "<h2>Det gør vi</h2>"
        "<ul>"
        "<li>Alle sider bliver testet automatisk for fejl i tilgængeligheden, før de sættes i drift.</li>"
        "<li>Alle links og knapper kan nås med tastaturet i den rækkefølge, de står på siden, og det er altid "
        "tydeligt, hvor du er.</li>"
        "<li>Siderne kan læses uden JavaScript og passer til skærme fra 320 pixels i bredden.</li>"
        "<li>Billeder har en tekst, der beskriver dem, og links fortæller, hvor de fører hen.</li>"
        "<li>Redaktionen ser, hvor let hver tekst er at læse (LIX), mens den skrives.</li>"
        "<li>Vi tæller, hvor mange gange hver side bliver læst, uden cookies og uden at gemme noget om dig, så du "
        "ikke skal tage stilling til samtykke, før du kan læse siden. Læs mere under Privatliv.</li>"
        "</ul>"
        "<h2>Kendte problemer</h2>"
        "<p>Nogle af de publikationer og rapporter, vi linker til, ligger hos andre og er ikke altid tilgængelige. "
        "PDF-filer kan være svære at læse med skærmlæser.</p>"
        "<h2>Fortæl os, hvis noget ikke virker</h2>"
        "<p>Møder du noget på sitet, som du ikke kan bruge, så skriv til redaktionen. Fortæl, hvilken side det "
        "drejer sig om, og hvad der ikke virker.</p>"
    ),
}

PRIVACY = {
    "slug": "privatliv",
    "title": "Privatliv",
    "description": "Hvad sitet tæller, og hvad det ikke gemmer om dig.",
    "body": (
        "<p>Sitet bruger ingen cookies, når du læser det, og viser derfor ingen samtykkeboks.</p>"
        "<h2>Det tæller vi</h2>"
        "<ul>"
        "<li>Hvor mange gange hver side er blevet læst hver dag. Tallene er en samlet optælling pr. side; de kan "
        "ikke føres tilbage til nogen.</li>"
        "<li>Søgninger, der ikke fandt noget, som tekst uden store bogstaver, men kun når flere har søgt på det "
        "samme på en dag. En søgning, der kun er lavet et par gange, gemmes ikke.</li>"
        "<li>Adresser på sitet, som ikke findes, så vi kan sende dig videre, hvis en side er flyttet.</li>"
        "</ul>"
        "<h2>Det gemmer vi ikke</h2>"
        "<p>Hverken din IP-adresse, din browser, dit udstyr eller noget andet, der kan kende dig igen. Besøg fra "
        "redaktionen, søgemaskiner og andre robotter tælles ikke med.</p>"
        "<h2>Så længe gemmer vi tallene</h2>"
        "<p>Optællingen pr. dag gemmes i to år og slettes derefter.</p>"
    ),
}
