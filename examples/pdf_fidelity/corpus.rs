//! Report-like text for the fidelity measurement: fictional monitoring reports assembled
//! from a pool of paragraphs, headings and list items, deterministic per document number.

use super::writer::{Footer, Item, Layout, Producer};

const HEADINGS: &[&str] = &[
    "Summary",
    "Methodology",
    "Background",
    "Interceptions at sea and disembarkation",
    "Conditions in detention centres run by the Department for Combating Illegal Migration",
    "Returns and the principle of non-refoulement",
    "Positions of the authorities",
    "Access for humanitarian organisations",
    "Women and children in detention",
    "Recommendations to the Government and to States supporting border management",
    "Legal framework",
    "Deportations to countries of origin",
    "Findings",
    "Testimonies of former detainees",
    "Cooperation with international partners",
];

const PARAGRAPHS: &[&str] = &[
    "This report covers the period from January to June 2024 and is based on 112 interviews with refugees, asylum-seekers and migrants in three provinces, on information from humani~tarian partners and on visits by the mission to four border crossings.",
    "The Office of the United Nations High Commissioner for Refugees (UNHCR) estimates that more than 30,000-50,000 people crossed the border during the reporting period, most of them from neighbouring states affected by armed conflict.",
    "Former detainees told the mission that guards beat them with hoses and electric cables and demanded payments of up to 2,500 dollars for their release. Several women said they had been subjected to sexual violence by guards or by men who were allowed into the centres at night.",
    "The so-called express procedure was introduced in 2019 and applies to every person apprehended within ten kilometres of the border. Under this procedure people are returned within 48 hours without any indi~vidual assess~ment of their protection needs.",
    "The Ministry of Interior stated that all returns were voluntary and carried out in coordi~nation with the embassies of the countries concerned. It told the mission in May that it plans to open two new reception centres before the end of the year.",
    "Human rights defenders documented the deportation of at least 1,200 people from the Buddhist-majority districts in the north, many of whom had lived in the country for more than a decade and held valid residence permits.",
    "In March the parliament adopted new anti-LGBTQ legislation that criminalises the promotion of so-called non-traditional relationships. Lawyers warned that the law would be used to justify the detention of asylum-seekers who fled persecution on the basis of their sexual orientation.",
    "Access to the centres for humanitarian organisations remains limited and unpredictable. Doctors who visited one facility in April found severe over~crowding, scabies and cases of tuberculosis that had not been treated for several months.",
    "The European Union has said that its support to the coast guard aims to save lives at sea and to strengthen border management. The UNHCR and the International Organization for Migration (IOM) have repeatedly called for an end to arbitrary detention.",
    "Two Sudanese men said they were held for weeks in a warehouse near the port and told that they would be handed over to their embassy unless their families paid a ransom. One of them said that a guard broke his arm when he tried to call his brother.",
    "The mission considers that the country cannot be regarded as a place of safety for the disem~barkation of people rescued at sea. Those returned are routinely trans~ferred to detention centres where they face a real risk of torture and ill-treatment.",
    "Non-governmental organisations reported that the authorities confiscated the phones and documents of people awaiting deportation, which made it impossible for them to contact lawyers or to lodge an appeal against the return decision.",
    "The right to seek asylum is guaranteed by the Constitution, but the country has not adopted a national asylum law and registration by the UNHCR is restricted to nationals of nine countries. People of other nationalities have no access to international protection.",
    "Survivors described vessels of the coast guard firing warning shots and striking the hull of rubber boats to force them to stop. In one incident on 12 March, four people reportedly drowned after a dinghy capsized during an inter~ception north of the harbour.",
    "The Committee against Torture has expressed concern about the long-term detention of children and recommended that the State party end immigration detention of children and families, in line with the best interests of the child.",
    "According to figures shared by partners, the authorities carried out 340 group expulsions in 2023, compared with 215 in 2022. Most expulsions took place at night and without any written decision being handed to those concerned.",
    "Several interviewees said they had been forced to sign documents in a language they did not understand before their return. A lawyer in the capital said that none of her clients had been informed of their right to appeal.",
    "The Government told the mission that it is committed to the principle of non-refoule~ment and that no one is returned to a country where they would face persecution. It added that cross-border cooperation with its neighbours is essential to fight smuggling networks.",
    "The National Human Rights Commission visited eleven places of detention in the first half of the year and found that most of them lacked adequate sanitation, ventilation and access to medical care. Its report has not yet been published.",
    "Women held in the Al-Nasr centre said that they shared a single room with more than 80 other women and children, that the food was insufficient and that they were not allowed outside for weeks at a time.",
    "Between January and May, at least 9,400 people were intercepted at sea and returned to the country, according to data published by the IOM. This represents an increase of almost 40 per cent compared with the same period last year.",
    "The self-determination of the people of the region has been invoked by the authorities to justify the resettlement of thousands of families. Community leaders told the mission that they had not been consulted and that they feared forced evictions.",
    "A follow-up visit in June found that the centre had been closed and its detainees transferred to a facility in the desert, several hundred kilometres from the nearest town. Relatives were not told where the detainees had been taken.",
    "The Special Rapporteur on the human rights of migrants has called on all States to refrain from pushbacks, which violate the prohibition of collective expulsion and put the lives of migrants at risk.",
    "Local officials said that the well-founded fear of persecution of people from the border areas is recognised in practice, although the law does not provide for it. In reality, the decision to grant protection rests with the provincial governor.",
    "Journalists who reported on the conditions in the camps were harassed and two of them were detained for several days under the pre-trial detention provisions of the criminal code, which allow detention without charge for up to 30 days.",
    "The mission was unable to verify the number of deaths in custody. Relatives of three men who died in the Tajoura centre in February said that they had received the bodies only after signing statements that the deaths were due to natural causes.",
    "In its reply to the mission, the Ministry of Foreign Affairs stated that the allegations were unfounded and based on unverified testimonies. It invited the mission to visit the centres during the second half of the year.",
    "UNHCR has registered some 48,000 refugees and asylum-seekers in the country, but it estimates that the real number is at least twice as high. Many people avoid registration because they fear arrest and detention.",
    "Children as young as eight were held together with unrelated adults. A boy of fourteen told the mission that he had been beaten every day for two weeks because the guards believed that he had tried to escape.",
];

const BULLETS: &[&str] = &[
    "Release all refugees and asylum-seekers from arbitrary detention and close the centres where abuse has been documented;",
    "Allow the UNHCR to register people of all nationalities and to visit all places of detention without prior notice;",
    "End the detention of children for reasons related to their migration status;",
    "Investigate all allegations of torture and ill-treatment in detention and bring those responsible to justice;",
    "Make any support to border management conditional on guarantees that intercepted people will not be subjected to ill-treatment or sent back to danger;",
    "Adopt a national asylum law in line with the 1951 Refugee Convention;",
];

const ONE_OFF_HEADERS: &[&str] = &[
    "Annex I: List of detention centres visited",
    "Confidential draft for consultation",
    "Case studies",
];

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// One document of the corpus: its items and its layout.
pub struct Spec {
    pub name: String,
    pub items: Vec<Item>,
    pub layout: Layout,
}

/// Where a word of at least eight letters may be hyphenated, marked with `~` for the line
/// breaker: before a consonant between vowels ("hu~ma~ni~tar~ian"), or between two
/// consonants between vowels ("in~ter~cep~tion"), at least three letters from either end.
fn with_break_points(text: &str) -> String {
    let vowel = |c: char| "aeiouy".contains(c.to_ascii_lowercase());
    let pairs = ["th", "ch", "sh", "ph", "wh", "ck", "ng", "qu", "gh"];
    text.split(' ')
        .map(|word| {
            let chars: Vec<char> = word.chars().collect();
            if word.contains(['~', '-'])
                || chars.len() < 8
                || !chars.iter().all(|c| c.is_ascii_alphabetic())
            {
                return word.to_string();
            }
            let mut out = String::new();
            for (i, &c) in chars.iter().enumerate() {
                let allowed = i >= 3 && i + 3 <= chars.len() && !vowel(c) && vowel(chars[i + 1]);
                let v_cv = allowed && vowel(chars[i - 1]);
                let vc_cv = allowed
                    && !vowel(chars[i - 1])
                    && vowel(chars[i - 2])
                    && !pairs.contains(&format!("{}{}", chars[i - 1], c).to_lowercase().as_str());
                if v_cv || vc_cv {
                    out.push('~');
                }
                out.push(c);
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The twenty documents.
pub fn corpus() -> Vec<Spec> {
    (0..20).map(spec).collect()
}

fn spec(number: usize) -> Spec {
    let mut rng =
        Rng(0x9E37_79B9_7F4A_7C15 ^ (number as u64 + 1).wrapping_mul(0x2545_F491_4F6C_DD1D));
    let producer = match number % 3 {
        0 => Producer::Writer,
        1 => Producer::Chromium,
        _ => Producer::Groff,
    };
    let columns = if number % 2 == 1 { 2 } else { 1 };
    let footer = match number % 4 {
        0 => Footer::Bare,
        1 => Footer::PageOf,
        2 => Footer::Dashed,
        _ => Footer::None,
    };
    let header = (number % 5 != 4).then(|| {
        format!(
            "Monitoring Mission on Migrant Protection | Report No. {} | 2024",
            number + 1
        )
    });
    let hyphenate = producer == Producer::Groff || number % 4 == 1;
    let layout = Layout {
        columns,
        gutter: if producer == Producer::Chromium {
            12.0
        } else {
            18.0
        },
        body_size: 10.0,
        leading: if producer == Producer::Groff {
            12.0
        } else {
            13.0
        },
        paragraph_gap: if producer == Producer::Groff {
            4.0
        } else {
            7.0
        },
        indent: if producer == Producer::Groff {
            18.0
        } else {
            0.0
        },
        justify: producer != Producer::Chromium,
        header,
        footer,
        producer,
        heading_tracking: if number % 7 == 3 { 1.2 } else { 0.0 },
        ..Layout::default()
    };
    // Two to five pages: about 550 words a page in one column.
    let pages = 2 + number % 4;
    let target_words = pages * 520 - 200;
    let mut items = vec![Item::Title(format!(
        "Report {}: Detention and Returns of Refugees and Migrants",
        number + 1
    ))];
    let mut words = 0;
    let mut paragraph_count = 0;
    let mut one_off_done = false;
    while words < target_words {
        if paragraph_count % 4 == 0 {
            let heading = HEADINGS[rng.below(HEADINGS.len())];
            items.push(Item::Heading(heading.to_string()));
        }
        let paragraph = PARAGRAPHS[rng.below(PARAGRAPHS.len())];
        let mut text = paragraph.to_string();
        if !hyphenate {
            text = text.replace('~', "");
        } else {
            text = with_break_points(&text);
        }
        if number % 6 == 2 {
            text = text
                .replace("refoule~ment", "refoule\u{AD}ment")
                .replace("refoulement", "refoule\u{AD}ment");
        }
        words += text.split_whitespace().count();
        items.push(Item::Paragraph(text));
        paragraph_count += 1;
        if paragraph_count % 7 == 3 {
            for _ in 0..2 + rng.below(2) {
                let bullet = BULLETS[rng.below(BULLETS.len())];
                words += bullet.split_whitespace().count();
                items.push(Item::Bullet(bullet.to_string()));
            }
        }
        if !one_off_done && number % 5 == 2 && words > 500 {
            items.push(Item::OneOffHeader(
                ONE_OFF_HEADERS[number % ONE_OFF_HEADERS.len()].to_string(),
            ));
            one_off_done = true;
        }
    }
    Spec {
        name: format!("report-{:02}-{:?}-{}col", number + 1, producer, columns).to_lowercase(),
        items,
        layout,
    }
}
