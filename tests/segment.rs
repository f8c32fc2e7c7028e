//! Regression tests for the rule-based segmenter, one group per rule.
//! All sentences are written for these tests (none is taken from a test suite).

use claimscan::segment::{RuleSegmenter, Segment, Segmenter, UnitKind};
use claimscan::Error;

fn segment(text: &str) -> Vec<Segment> {
    RuleSegmenter::new().segment(text)
}

fn texts(text: &str) -> Vec<String> {
    segment(text).into_iter().map(|s| s.text).collect()
}

fn units(text: &str) -> Vec<(UnitKind, String)> {
    segment(text)
        .into_iter()
        .map(|s| (s.kind, s.text))
        .collect()
}

#[track_caller]
fn assert_split(text: &str, expected: &[&str]) {
    assert_eq!(texts(text), expected, "input: {text:?}");
}

#[track_caller]
fn assert_one(text: &str) {
    assert_split(
        text,
        &[text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .as_str()],
    );
}

use UnitKind::{Heading, ListItem, Sentence};

fn unit(kind: UnitKind, text: &str) -> (UnitKind, String) {
    (kind, text.to_string())
}

// ---------------------------------------------------------------- basics and spans

#[test]
fn splits_on_period_question_and_exclamation() {
    assert_split(
        "The camp was closed in May. Where did the families go? Nobody knows!",
        &[
            "The camp was closed in May.",
            "Where did the families go?",
            "Nobody knows!",
        ],
    );
}

#[test]
fn combined_end_punctuation_stays_together() {
    assert_split(
        "They sent him back?! That is unlawful!! Is it even legal?? Nobody answered.",
        &[
            "They sent him back?!",
            "That is unlawful!!",
            "Is it even legal??",
            "Nobody answered.",
        ],
    );
}

#[test]
fn empty_and_blank_text_give_no_units() {
    assert!(segment("").is_empty());
    assert!(segment("   \n\n\t \r\n \u{a0}").is_empty());
}

#[test]
fn spans_slice_the_original_text() {
    let text = "Réfugiés arrived in Yanji.\n\n  Officials  said   “no”. 送還された。次の日。";
    let segments = segment(text);
    assert_eq!(segments.len(), 4);
    for seg in &segments {
        let by_bytes = &text[seg.byte_start..seg.byte_end];
        let by_chars: String = text
            .chars()
            .skip(seg.char_start)
            .take(seg.char_end - seg.char_start)
            .collect();
        assert_eq!(by_bytes, by_chars);
        assert_eq!(
            seg.text,
            by_bytes.split_whitespace().collect::<Vec<_>>().join(" ")
        );
    }
    assert_eq!(segments[1].text, "Officials said “no”.");
    assert_eq!(segments[1].char_start, 30);
    assert_eq!(segments[1].byte_start, 32);
}

#[test]
fn inner_line_breaks_become_single_spaces() {
    let segments = segment("Families were\r\n  separated at\tthe border.");
    assert_eq!(segments.len(), 1);
    assert_eq!(segments[0].text, "Families were separated at the border.");
    assert_eq!(segments[0].byte_start, 0);
}

#[test]
fn survives_control_characters_and_emoji() {
    let text = "\u{0}Alarm\u{1b}. 😀 The \u{feff}guards left.\u{7}\n\u{0C}Next page👍🏽.";
    let segments = segment(text);
    assert!(!segments.is_empty());
    assert_eq!(segments.last().map(|s| s.byte_end), Some(text.len()));
}

// ---------------------------------------------------------------- paragraphs and line breaks

#[test]
fn blank_line_ends_a_unit() {
    assert_split(
        "Access to the camps remained restricted\n\nUNHCR staff were turned away",
        &[
            "Access to the camps remained restricted",
            "UNHCR staff were turned away",
        ],
    );
}

#[test]
fn blank_line_with_spaces_ends_a_unit() {
    assert_split(
        "The first report appeared in March.\n \t \nThe second followed.",
        &[
            "The first report appeared in March.",
            "The second followed.",
        ],
    );
}

#[test]
fn single_line_break_joins_wrapped_text() {
    assert_split(
        "Most of the women interviewed had crossed the river in the\nnortheast and were later sold to farmers in\nremote villages.",
        &["Most of the women interviewed had crossed the river in the northeast and were later sold to farmers in remote villages."],
    );
}

#[test]
fn wrapped_line_ending_with_a_space_joins() {
    assert_split(
        "The shelter was full by \nmidnight. Others slept outside.",
        &["The shelter was full by midnight.", "Others slept outside."],
    );
}

#[test]
fn paragraph_separator_character_ends_a_unit() {
    assert_split(
        "Returns resumed in June\u{2029}The agency protested",
        &["Returns resumed in June", "The agency protested"],
    );
}

/// With paragraph repair on (what the pipeline uses for PDF page breaks).
fn assert_split_repairing(text: &str, expected: &[&str]) {
    let got: Vec<String> = RuleSegmenter::new()
        .with_paragraph_repair(true)
        .segment(text)
        .into_iter()
        .map(|s| s.text)
        .collect();
    assert_eq!(got, expected, "input: {text:?}");
}

#[test]
fn form_feed_is_a_line_break_not_a_paragraph_break() {
    assert_split_repairing(
        "The detainees were transferred to a\n\u{0C}facility near the border.",
        &["The detainees were transferred to a facility near the border."],
    );
}

#[test]
fn short_unpunctuated_lines_are_separate_units() {
    assert_eq!(
        units("shelter\nfood rations\nmedical care, counselling\n"),
        vec![
            unit(ListItem, "shelter"),
            unit(ListItem, "food rations"),
            unit(ListItem, "medical care, counselling"),
        ]
    );
}

#[test]
fn capitalised_unpunctuated_lines_are_separate_units() {
    assert_eq!(
        units("Main findings\nMore than 900 people were returned in 2019\nMost of them were women\nNone had access to a lawyer"),
        vec![
            unit(ListItem, "Main findings"),
            unit(Sentence, "More than 900 people were returned in 2019"),
            unit(Sentence, "Most of them were women"),
            unit(Sentence, "None had access to a lawyer"),
        ]
    );
}

#[test]
fn page_break_inside_a_sentence_is_bridged() {
    assert_split_repairing(
        "Maria Lopez, a field officer with the agency in\n\n\n\nGuatemala City, is the author of Lost\n\nRoutes, Closed Borders. Migration in Central America.",
        &[
            "Maria Lopez, a field officer with the agency in Guatemala City, is the author of Lost Routes, Closed Borders.",
            "Migration in Central America.",
        ],
    );
}

#[test]
fn page_break_after_a_comma_is_bridged() {
    assert_split_repairing(
        "The men were held in Tumen,\n\nHyesan and Sinuiju before their transfer.",
        &["The men were held in Tumen, Hyesan and Sinuiju before their transfer."],
    );
}

#[test]
fn no_bridge_into_a_heading_or_list() {
    assert_split(
        "The full text is available from the Commission for\n\n- the original complaint\n- the reply",
        &[
            "The full text is available from the Commission for",
            "- the original complaint",
            "- the reply",
        ],
    );
    assert_eq!(
        units("The report was written by staff of New\n\nMethodology\n\nWe interviewed 40 people."),
        vec![
            unit(Sentence, "The report was written by staff of New"),
            unit(Heading, "Methodology"),
            unit(Sentence, "We interviewed 40 people."),
        ]
    );
}

#[test]
fn blank_lines_always_end_a_unit_by_default() {
    let segmenter = RuleSegmenter::new();
    let got: Vec<String> = segmenter
        .segment("a research officer based in\n\nGeneva, who wrote the report.")
        .into_iter()
        .map(|s| s.text)
        .collect();
    assert_eq!(
        got,
        [
            "a research officer based in",
            "Geneva, who wrote the report."
        ]
    );
}

// ---------------------------------------------------------------- headings

#[test]
fn standalone_short_lines_are_headings() {
    assert_eq!(
        units("Executive Summary\n\nThe report covers 2019.\n\n2.3 Conditions in detention\n\nChapter 4\n\nII. Findings\n\nDETENTION AND TORTURE"),
        vec![
            unit(Heading, "Executive Summary"),
            unit(Sentence, "The report covers 2019."),
            unit(Heading, "2.3 Conditions in detention"),
            unit(Heading, "Chapter 4"),
            unit(Heading, "II. Findings"),
            unit(Heading, "DETENTION AND TORTURE"),
        ]
    );
}

#[test]
fn heading_followed_by_a_line_break() {
    assert_eq!(
        units("Background\nThe border region has long been a transit route.\nACCESS TO ASYLUM\nFew claims were registered."),
        vec![
            unit(Heading, "Background"),
            unit(Sentence, "The border region has long been a transit route."),
            unit(Heading, "ACCESS TO ASYLUM"),
            unit(Sentence, "Few claims were registered."),
        ]
    );
}

#[test]
fn sentence_case_numbered_heading_in_a_paragraph() {
    assert_eq!(
        units("4.1 Treatment of returnees\nReturnees were questioned for weeks."),
        vec![
            unit(Heading, "4.1 Treatment of returnees"),
            unit(Sentence, "Returnees were questioned for weeks."),
        ]
    );
}

#[test]
fn first_line_of_a_wrapped_sentence_is_no_heading() {
    // Continues in lowercase.
    assert_eq!(
        units("The Ministry of Public Security\nissued new rules in 2012."),
        vec![unit(
            Sentence,
            "The Ministry of Public Security issued new rules in 2012."
        )]
    );
    // Ends with a function word.
    assert_eq!(
        units("Reports From the\nBorder Were Alarming."),
        vec![unit(Sentence, "Reports From the Border Were Alarming.")]
    );
    // Ends with a comma.
    assert_eq!(
        units("In Geneva, UNHCR\nOfficials met the delegation."),
        vec![unit(
            Sentence,
            "In Geneva, UNHCR Officials met the delegation."
        )]
    );
}

#[test]
fn line_in_the_middle_of_a_wrapped_sentence_is_no_heading() {
    assert_eq!(
        units("Refugees were handed over to the\nState Security Department\nafter questioning."),
        vec![unit(
            Sentence,
            "Refugees were handed over to the State Security Department after questioning."
        )]
    );
}

#[test]
fn long_line_is_no_heading() {
    assert_eq!(
        units("Many Families In The Border Towns Of The Northeast Have Lost Contact With Relatives Abroad Since The Crackdown"),
        vec![unit(
            Sentence,
            "Many Families In The Border Towns Of The Northeast Have Lost Contact With Relatives Abroad Since The Crackdown"
        )]
    );
}

#[test]
fn byline_and_title_lines() {
    assert_eq!(
        units("Forced Returns: A Human Rights Perspective\n\nby Ana Ruiz\n\nThis summary was written in 2021."),
        vec![
            unit(Heading, "Forced Returns: A Human Rights Perspective"),
            unit(Heading, "by Ana Ruiz"),
            unit(Sentence, "This summary was written in 2021."),
        ]
    );
}

#[test]
fn caption_with_number_is_a_heading() {
    assert_eq!(
        units("Table 3. Deportations by province, 2019\nSource: Ministry of Interior"),
        vec![
            unit(Heading, "Table 3. Deportations by province, 2019"),
            unit(Heading, "Source: Ministry of Interior"),
        ]
    );
}

#[test]
fn numbered_title_lines_are_headings_unless_in_a_list() {
    assert_eq!(
        units("1. Introduction\nThe study is based on 60 interviews.\n2. Methodology\nInterviews took place in 2020."),
        vec![
            unit(Heading, "1. Introduction"),
            unit(Sentence, "The study is based on 60 interviews."),
            unit(Heading, "2. Methodology"),
            unit(Sentence, "Interviews took place in 2020."),
        ]
    );
    assert_eq!(
        units("1. Detention\n2. Deportation\n3. Trafficking"),
        vec![
            unit(ListItem, "1. Detention"),
            unit(ListItem, "2. Deportation"),
            unit(ListItem, "3. Trafficking"),
        ]
    );
}

// ---------------------------------------------------------------- list items

#[test]
fn bullet_lines_are_list_items_with_marker_kept() {
    let text = "The men reported:\n- beatings with rods\n* sleep deprivation\n• denial of food\n‣ threats against relatives\n◦ forced labour\n– no access to a lawyer\n— no contact with family";
    let segments = segment(text);
    let kinds: Vec<UnitKind> = segments.iter().map(|s| s.kind).collect();
    assert_eq!(kinds[0], Sentence);
    assert!(kinds[1..].iter().all(|k| *k == ListItem), "{kinds:?}");
    assert_eq!(segments[3].text, "• denial of food");
    assert_eq!(
        &text[segments[3].byte_start..segments[3].byte_end],
        "• denial of food"
    );
    assert_eq!(segments.len(), 8);
}

#[test]
fn numbered_and_lettered_markers() {
    assert_eq!(
        texts("The State party should:\n1. release detainees\n2) end pushbacks\n(a) train border guards\nb. publish statistics\niv) allow monitoring\n(iii) fund legal aid\n3.) report back"),
        [
            "The State party should:",
            "1. release detainees",
            "2) end pushbacks",
            "(a) train border guards",
            "b. publish statistics",
            "iv) allow monitoring",
            "(iii) fund legal aid",
            "3.) report back",
        ]
    );
}

#[test]
fn list_item_wrapped_over_lines_stays_one_unit() {
    assert_eq!(
        units("- detained for up to 90 days without\n  charge or trial\n- held in cells without\nwindows\n- denied visits"),
        vec![
            unit(ListItem, "- detained for up to 90 days without charge or trial"),
            unit(ListItem, "- held in cells without windows"),
            unit(ListItem, "- denied visits"),
        ]
    );
}

#[test]
fn later_sentences_of_a_list_item_are_sentences() {
    assert_eq!(
        units("12. The Committee is concerned about the detention of children. It urges the State party to end the practice.\n13. The Committee welcomes Law No. 5 of 2019."),
        vec![
            unit(ListItem, "12. The Committee is concerned about the detention of children."),
            unit(Sentence, "It urges the State party to end the practice."),
            unit(ListItem, "13. The Committee welcomes Law No. 5 of 2019."),
        ]
    );
}

#[test]
fn text_after_a_list_starts_a_new_unit() {
    assert_eq!(
        units("- curfews\n- checkpoints\nThe measures were lifted in 2020."),
        vec![
            unit(ListItem, "- curfews"),
            unit(ListItem, "- checkpoints"),
            unit(Sentence, "The measures were lifted in 2020."),
        ]
    );
}

#[test]
fn inline_numbered_list_is_split_into_items() {
    assert_eq!(
        units("1. Stop the raids 2. Free the detainees 3. Open the border"),
        vec![
            unit(ListItem, "1. Stop the raids"),
            unit(ListItem, "2. Free the detainees"),
            unit(ListItem, "3. Open the border"),
        ]
    );
    assert_split(
        "1) Close the camp. 2) Compensate the victims.",
        &["1) Close the camp.", "2) Compensate the victims."],
    );
    assert_split(
        "a. Register the claim b. Issue papers c. Renew them yearly",
        &[
            "a. Register the claim",
            "b. Issue papers",
            "c. Renew them yearly",
        ],
    );
}

#[test]
fn inline_bullets_are_split_into_items() {
    assert_split(
        "• 3. Shelter for families • 4. Schooling for children",
        &["• 3. Shelter for families", "• 4. Schooling for children"],
    );
    assert_split("⁃Food ⁃Water ⁃Blankets", &["⁃Food", "⁃Water", "⁃Blankets"]);
}

#[test]
fn enumeration_inside_a_sentence_is_not_split() {
    assert_one(
        "The law requires (a) a hearing within 48 hours, (b) access to counsel and (c) an interpreter.",
    );
}

#[test]
fn marker_alone_is_never_a_sentence() {
    assert_split(
        "Demands were made. 2. The guards refused. 3. Nobody was released.",
        &[
            "Demands were made.",
            "2. The guards refused.",
            "3. Nobody was released.",
        ],
    );
}

#[test]
fn number_at_line_start_inside_a_wrapped_sentence_is_no_marker() {
    assert_split(
        "By December the number of people held there had reached\n150. Most of them were women.",
        &[
            "By December the number of people held there had reached 150.",
            "Most of them were women.",
        ],
    );
}

#[test]
fn dash_at_line_start_inside_a_sentence_is_no_bullet() {
    assert_one("The guards\n— who were armed —\nbeat them.");
}

#[test]
fn inline_list_after_a_sentence_in_running_text() {
    assert_eq!(
        units("The mission made three requests. 1. Open the camps 2. Stop the deportations 3. Report monthly"),
        vec![
            unit(Sentence, "The mission made three requests."),
            unit(ListItem, "1. Open the camps"),
            unit(ListItem, "2. Stop the deportations"),
            unit(ListItem, "3. Report monthly"),
        ]
    );
}

#[test]
fn footnotes_at_the_foot_of_a_page_are_separate_units() {
    assert_split(
        "The women were sold to farmers.4\n4 Interview with a former detainee, Seoul, Apr. 2019.\n5 Ibid.\n6 U.N. Doc. A/HRC/25/63, para. 12.",
        &[
            "The women were sold to farmers.4",
            "4 Interview with a former detainee, Seoul, Apr. 2019.",
            "5 Ibid.",
            "6 U.N. Doc. A/HRC/25/63, para. 12.",
        ],
    );
}

#[test]
fn short_title_line_above_a_long_paragraph_line_is_a_heading() {
    assert_eq!(
        units("Families separated at the border\nMore than 200 children were held apart from their parents last year, the agency said.\nThe practice has since ended."),
        vec![
            unit(Heading, "Families separated at the border"),
            unit(Sentence, "More than 200 children were held apart from their parents last year, the agency said."),
            unit(Sentence, "The practice has since ended."),
        ]
    );
    // Narrow wrapped columns have lines of similar length: no heading.
    assert_one("The guards beat\nKim and Park with\nsticks until they\nfainted.");
}

// issue 11: inline enumerations in one line, also with lowercase items.
#[test]
fn inline_lettered_list_with_lowercase_items() {
    assert_split(
        "a. register the claim b. issue papers c. renew them every year",
        &[
            "a. register the claim",
            "b. issue papers",
            "c. renew them every year",
        ],
    );
    assert_split(
        "a) release the detainees b) allow family visits c) publish the list of places of detention",
        &[
            "a) release the detainees",
            "b) allow family visits",
            "c) publish the list of places of detention",
        ],
    );
    assert_split(
        "(i) the right to a lawyer (ii) the right to an interpreter (iii) the right to be heard",
        &[
            "(i) the right to a lawyer",
            "(ii) the right to an interpreter",
            "(iii) the right to be heard",
        ],
    );
    assert_split(
        "1) call the hotline 2) write down the date 3) keep a copy",
        &[
            "1) call the hotline",
            "2) write down the date",
            "3) keep a copy",
        ],
    );
    // Not a list: letters out of order, or an enumeration inside a sentence.
    assert_one("a. the rate for group c. was higher");
    assert_one("The law requires (a) a hearing and (b) access to counsel.");
}

// issue 11: a line that ends without punctuation, followed by a capitalised line. The
// choice is made from the shape of the lines, not by one fixed rule.
#[test]
fn short_line_with_room_left_ends_its_unit() {
    // A paragraph end inside hard-wrapped text without a blank line.
    assert_split(
        "The detention centre held about 300 people when the delegation visited\nMost of them had been there for more than a year without any hearing\nNone had seen a lawyer.",
        &[
            "The detention centre held about 300 people when the delegation visited",
            "Most of them had been there for more than a year without any hearing",
            "None had seen a lawyer.",
        ],
    );
    assert_split(
        "The mission was unable to verify these allegations\nThe authorities did not grant access to the areas concerned.",
        &[
            "The mission was unable to verify these allegations",
            "The authorities did not grant access to the areas concerned.",
        ],
    );
    // A news title above its first paragraph.
    assert_split(
        "Police detain dozens after protest in capital\nSecurity forces detained at least 40 people on Sunday after a protest against rising prices, witnesses said.",
        &[
            "Police detain dozens after protest in capital",
            "Security forces detained at least 40 people on Sunday after a protest against rising prices, witnesses said.",
        ],
    );
}

#[test]
fn full_wrapped_lines_before_names_are_joined() {
    // Lines filled by wrapping: a capitalised name at the start of the next line.
    assert_one(
        "Returnees described being held for weeks in facilities run by the State\nSecurity Department, where they were questioned about contacts with South\nKoreans and with Christian missionaries operating along the border with\nChina.",
    );
    assert_one(
        "The delegation met representatives of Amnesty International, Human Rights\nWatch and the International Commission of Jurists in London and Geneva.",
    );
    assert_one("The detainees were held in Evin\nPrison in Tehran for six months.");
    assert_split(
        "The report was released in 2019. The\nItalian Navy did not comment on it.",
        &[
            "The report was released in 2019.",
            "The Italian Navy did not comment on it.",
        ],
    );
    // Uneven (justified, proportional) line lengths are no paragraph ends.
    assert_one(
        "Between 2000 and 2023, a total of 34,078 North\nKoreans arrived in South Korea, 72 percent of them women, according to\nthe Ministry of Unification.",
    );
}

#[test]
fn sentences_on_lines_of_their_own_without_final_punctuation() {
    // Reviews and forum posts.
    assert_split(
        "Great food and friendly staff\nWe will definitely come back",
        &[
            "Great food and friendly staff",
            "We will definitely come back",
        ],
    );
    assert_split(
        "Does anyone know where I can renew my visa in Lyon\nI tried the prefecture but they sent me away",
        &[
            "Does anyone know where I can renew my visa in Lyon",
            "I tried the prefecture but they sent me away",
        ],
    );
    assert_split(
        "I have used this phone for two months\nThe battery lasts all day\nHighly recommended",
        &[
            "I have used this phone for two months",
            "The battery lasts all day",
            "Highly recommended",
        ],
    );
}

#[test]
fn line_starting_with_a_number_after_a_short_line() {
    assert_split(
        "I bought this laptop in March and it stopped working after two weeks\nThe support team told me to send it back at my own cost\nNever again\n5 stars for the screen though",
        &[
            "I bought this laptop in March and it stopped working after two weeks",
            "The support team told me to send it back at my own cost",
            "Never again",
            "5 stars for the screen though",
        ],
    );
    // In wrapped text a number at the start of a line goes on with the sentence.
    assert_one(
        "By the end of the year the number of people held in the two centres had reached\n1,500, according to the figures published by the ministry.",
    );
}

#[test]
fn e_mail_greetings_signatures_and_header_fields() {
    assert_split(
        "Hi Sara,\nCan you send me the latest draft of the report?\nThanks,\nTom",
        &[
            "Hi Sara,",
            "Can you send me the latest draft of the report?",
            "Thanks,",
            "Tom",
        ],
    );
    assert_split(
        "Thanks for all your help with the schedule\nMike",
        &["Thanks for all your help with the schedule", "Mike"],
    );
    assert_split(
        "From: Anna Berg\nSent: Monday, March 4, 2002 9:15 AM\nTo: Legal Team\nSubject: Visit to the camp",
        &[
            "From: Anna Berg",
            "Sent: Monday, March 4, 2002 9:15 AM",
            "To: Legal Team",
            "Subject: Visit to the camp",
        ],
    );
    // A title with a colon at the start of a wrapped line is no field.
    assert_one(
        "For a detailed account of the registration schemes, see UNHCR, Afghan\nRefugees in Pakistan: Registration Update, p. 7.",
    );
}

#[test]
fn title_case_first_line_of_wrapped_text_is_no_heading() {
    assert_one(
        "The UN Committee on the Elimination of Racial\nDiscrimination urged Myanmar to restore\ncitizenship to the Rohingya in its last review.",
    );
    // A heading above a longer line, or in a signature block, stays a heading.
    assert_eq!(
        units("Conditions of Detention\nDetainees are held in overcrowded cells without light."),
        vec![
            unit(Heading, "Conditions of Detention"),
            unit(
                Sentence,
                "Detainees are held in overcrowded cells without light."
            ),
        ]
    );
    assert_split(
        "Kind regards,\nJuan Perez\nLegal Adviser\nRefugee Law Centre",
        &[
            "Kind regards,",
            "Juan Perez",
            "Legal Adviser",
            "Refugee Law Centre",
        ],
    );
}

#[test]
fn number_after_a_line_ending_in_a_number_abbreviation_is_no_marker() {
    assert_split(
        "See Bangladesh Ministry of Disaster Management, Annual Report 2022, p.\n14. The Supreme Court has held that the rights apply to non-citizens.",
        &[
            "See Bangladesh Ministry of Disaster Management, Annual Report 2022, p. 14.",
            "The Supreme Court has held that the rights apply to non-citizens.",
        ],
    );
}

#[test]
fn bylines_and_indented_paragraphs() {
    assert_split(
        "By Maria Lopez, Reuters\nGENEVA (Reuters) - The United Nations said on Tuesday that 2,000 people had fled.",
        &[
            "By Maria Lopez, Reuters",
            "GENEVA (Reuters) - The United Nations said on Tuesday that 2,000 people had fled.",
        ],
    );
    assert_split(
        "    The first paragraph describes the legal framework and the institutions\nresponsible for migration control\n    Returns are discussed in the second paragraph.",
        &[
            "The first paragraph describes the legal framework and the institutions responsible for migration control",
            "Returns are discussed in the second paragraph.",
        ],
    );
}

#[test]
fn period_after_an_abbreviation_at_the_end_of_a_short_line() {
    assert_split(
        "The families were resettled in the U.S.\nThousands more are waiting in camps in Kenya and Uganda for a decision.",
        &[
            "The families were resettled in the U.S.",
            "Thousands more are waiting in camps in Kenya and Uganda for a decision.",
        ],
    );
    // A title's period never ends a line's unit.
    assert_one(
        "The report was written by Dr.\nAmina Yusuf and two colleagues in the field office.",
    );
}

// issue 11: spaced punctuation, runs of dots, letter-spaced headings, separators.
#[test]
fn spaced_punctuation_ends_sentences() {
    assert_split(
        "Please see the attached file for details . Contact me if you have questions .",
        &[
            "Please see the attached file for details .",
            "Contact me if you have questions .",
        ],
    );
    assert_split(
        "Why did they wait so long ? Nobody knows .",
        &["Why did they wait so long ?", "Nobody knows ."],
    );
}

#[test]
fn dot_leaders_inside_a_line_are_no_boundary() {
    assert_one("Name of the detainee .................... Date of arrest ....................");
    assert_split(
        "I waited and waited.......... Nobody came to the counter.",
        &[
            "I waited and waited..........",
            "Nobody came to the counter.",
        ],
    );
}

#[test]
fn letter_spaced_heading() {
    assert_eq!(
        units(
            "E X E C U T I V E   S U M M A R Y\nThe mission found that detention was widespread."
        ),
        vec![
            unit(Heading, "E X E C U T I V E S U M M A R Y"),
            unit(Sentence, "The mission found that detention was widespread."),
        ]
    );
}

#[test]
fn separator_lines_are_units_of_their_own() {
    assert_eq!(
        units("The report ends here.\n**********\nANNEX\nList of Interviews"),
        vec![
            unit(Sentence, "The report ends here."),
            unit(Heading, "**********"),
            unit(Heading, "ANNEX"),
            unit(Heading, "List of Interviews"),
        ]
    );
    assert_split(
        "-----Original Message-----\nFrom: Kay Mann\nPlease review the attached draft.",
        &[
            "-----Original Message-----",
            "From: Kay Mann",
            "Please review the attached draft.",
        ],
    );
    assert_split(
        "* * *\nThe next morning the guards returned.",
        &["* * *", "The next morning the guards returned."],
    );
}

// issue 11: informal text (web, forums, reviews).
#[test]
fn question_before_a_lowercase_pronoun_ends_a_sentence() {
    assert_split(
        "what is the best way to get to the airport? i land at 6am.",
        &[
            "what is the best way to get to the airport?",
            "i land at 6am.",
        ],
    );
    assert_one("She works at Yahoo! in the accounting department.");
    assert_one("\"Why?\" she asked.");
}

#[test]
fn informal_lowercase_sentence_starts() {
    assert_split(
        "the staff were nice. so we stayed another night.",
        &["the staff were nice.", "so we stayed another night."],
    );
    assert_split(
        "Any ideas? thanks in advance.",
        &["Any ideas?", "thanks in advance."],
    );
}

#[test]
fn smiley_ends_a_sentence_before_a_capital() {
    assert_split(
        "Great place to stay :) The rooms are clean.",
        &["Great place to stay :)", "The rooms are clean."],
    );
    assert_one("I liked it :) and will return.");
}

// ---------------------------------------------------------------- quotes, brackets, CJK

#[test]
fn closing_quote_stays_with_the_sentence() {
    assert_split(
        "\"We were sent back at night.\" Two others confirmed this.",
        &[
            "\"We were sent back at night.\"",
            "Two others confirmed this.",
        ],
    );
    assert_split(
        "She told us: “They took our papers.” Then she cried.",
        &["She told us: “They took our papers.”", "Then she cried."],
    );
    assert_split(
        "He called it 'a mistake.' The ministry disagreed.",
        &["He called it 'a mistake.'", "The ministry disagreed."],
    );
}

#[test]
fn quotation_followed_by_lowercase_continues() {
    assert_one("\"Go home!\" the officer shouted at the families.");
    assert_one("“Is this legal?” asked the lawyer.");
}

// issue 11: several sentences inside one quotation are split (this reverses the
// earlier rule that kept a short quotation whole).
#[test]
fn sentences_inside_a_quotation_that_ends_the_sentence_are_split() {
    assert_split(
        "A witness said: \"The guards beat us. Nobody helped.\" The camp closed later.",
        &[
            "A witness said: \"The guards beat us.",
            "Nobody helped.\"",
            "The camp closed later.",
        ],
    );
    assert_split(
        "The statement read: “We condemn the raids. We demand an inquiry.”",
        &[
            "The statement read: “We condemn the raids.",
            "We demand an inquiry.”",
        ],
    );
    assert_split(
        "The mother asked: \"Where is my son? Why was he taken?\" Nobody answered her.",
        &[
            "The mother asked: \"Where is my son?",
            "Why was he taken?\"",
            "Nobody answered her.",
        ],
    );
}

#[test]
fn quotation_followed_by_a_bracketed_remark_stays_whole() {
    assert_one(
        "\"We signed papers we could not read. Nobody translated them.\" (Interview 31, Amman, May 2021).",
    );
    assert_one("The order read \"Close the gates. Admit nobody.\" [emphasis added]");
}

#[test]
fn quotation_inside_a_going_sentence_stays_whole() {
    assert_one("\"Stay here. Do not move,\" the guard told the women.");
    assert_one("\"Go back! Now!\" a soldier shouted at the families.");
    assert_one("The court called the evidence 'thin. Very thin.' in its ruling.");
}

#[test]
fn single_quotations_are_split_like_double_ones_but_apostrophes_are_not_quotes() {
    assert_split(
        "Her note read 'We are safe. Do not worry.' Nobody saw her again.",
        &[
            "Her note read 'We are safe.",
            "Do not worry.'",
            "Nobody saw her again.",
        ],
    );
    assert_split(
        "The guards took the women's papers. They never returned the girls' passports. Officials denied it.",
        &[
            "The guards took the women's papers.",
            "They never returned the girls' passports.",
            "Officials denied it.",
        ],
    );
    assert_split(
        "Arrests rose in the '90s. They fell later.",
        &["Arrests rose in the '90s.", "They fell later."],
    );
}

#[test]
fn dash_before_a_capital_opens_the_next_sentence() {
    assert_split(
        "Who ordered the raid? - Nobody would say.",
        &["Who ordered the raid?", "- Nobody would say."],
    );
    assert_one("They were sent back -- imagine! -- without a hearing.");
}

#[test]
fn parentheses_inside_a_sentence() {
    assert_one("The issue is discussed elsewhere (see ch. 3.) and in the annex.");
    assert_one("The agency (It was founded in 1950.) was not consulted.");
    assert_split(
        "Returns continued (UNHCR confirmed this in March.) The next month was worse.",
        &[
            "Returns continued (UNHCR confirmed this in March.)",
            "The next month was worse.",
        ],
    );
}

#[test]
fn citation_in_parentheses_belongs_to_the_sentence_before() {
    assert_one("The witness described \"constant fear.\" (Interview 14, 2019).");
}

#[test]
fn cjk_sentence_enders_split_without_space() {
    assert_split(
        "彼らは国境で拘束された。翌日、送還された！なぜ？",
        &["彼らは国境で拘束された。", "翌日、送還された！", "なぜ？"],
    );
    assert_split(
        "他说：「我们被打了。」然后哭了。",
        &["他说：「我们被打了。」", "然后哭了。"],
    );
}

#[test]
fn fullwidth_dot_between_digits_is_a_decimal_point() {
    assert_one("比率は３．５％だった。");
}

// ---------------------------------------------------------------- ellipses

#[test]
fn ellipsis_before_capital_ends_a_sentence() {
    assert_split(
        "We waited for the bus... It never came.",
        &["We waited for the bus...", "It never came."],
    );
    assert_split(
        "They promised to return… Nobody did.",
        &["They promised to return…", "Nobody did."],
    );
    assert_split(
        "She hesitated.... Then she signed.",
        &["She hesitated....", "Then she signed."],
    );
}

#[test]
fn ellipsis_before_lowercase_continues() {
    assert_one("The officer said... well, he said many things ... and left.");
    assert_one("He was afraid...of the police.");
}

#[test]
fn spaced_ellipsis_rules() {
    // Three spaced dots are an omission, even before a capital.
    assert_one("The guards . . . I cannot say more . . . beat him.");
    // A fourth dot after a space ends the sentence.
    assert_split(
        "The decree was never published . . . . Officials denied it existed.",
        &[
            "The decree was never published . . . .",
            "Officials denied it existed.",
        ],
    );
    // A period glued to the word ends the sentence; the ellipsis opens the next one.
    assert_split(
        "The camps were closed. . . . Others opened elsewhere. . . .",
        &[
            "The camps were closed.",
            ". . . Others opened elsewhere. . . .",
        ],
    );
}

#[test]
fn bracketed_omission_is_not_a_boundary() {
    assert_one("\"The applicant [...] was returned without a hearing [...]\" (Decision 12).");
    assert_one("The court held that [...] Article 3 applied.");
}

// ---------------------------------------------------------------- abbreviations

#[test]
fn general_abbreviations_inside_sentences() {
    assert_one(
        "Aid included food, blankets, etc. and was distributed by the Dept. of Social Welfare.",
    );
    assert_one("Some groups, e.g. UNHCR and IOM, i.e. the main agencies, were excluded.");
    assert_one("The fine was approx. 3,000 yuan, incl. fees, vs. 500 yuan in 2010.");
    assert_one("Estimates (cf. Smith et al. 2019, op. cit. p. 12) vary widely.");
    assert_one("The govt. spokesman and the est. number of victims were cited.");
}

#[test]
fn titles_never_end_a_sentence() {
    assert_one(
        "Mr. Kim, Mrs. Lee, Ms. Park, Dr. Cho and Prof. Han met Gen. Ahmed, Col. Diaz, Lt. Osei, Sgt. Ruiz and Capt. Novak.",
    );
    assert_one(
        "Rev. Moon, Hon. Justice Mensah, Amb. Keller, Sen. Ortiz, Rep. Walsh and Gov. Ito signed.",
    );
    assert_one("The church of St. Anne is in St. Petersburg, near Mt. Elbrus.");
}

#[test]
fn street_abbreviation_after_a_name_may_end_a_sentence() {
    assert_split(
        "The office is on Main St. The shelter is next door.",
        &["The office is on Main St.", "The shelter is next door."],
    );
}

#[test]
fn months_and_suffixes() {
    assert_one(
        "The raids took place on Jan. 12, Feb. 3, Aug. 30, Sept. 9, Oct. 1, Nov. 11 and Dec. 24.",
    );
    assert_one("Martin Cole Jr. and Peter Cole Sr. testified.");
    assert_split(
        "The hearing was set for Dec. The defence asked for a delay.",
        &[
            "The hearing was set for Dec.",
            "The defence asked for a delay.",
        ],
    );
}

#[test]
fn legal_and_un_references() {
    assert_one("See U.N. Doc. A/HRC/25/63, para. 34, and Res. 2254 (2015).");
    assert_one("The Committee against Torture (Cmte. Doc. CAT/C/48/Add. 1, Supp. No. 44) agreed.");
    assert_one("The case Soering v. United Kingdom and Smith vs. The State were cited.");
    assert_one("In Doe v. Holder, 612 F.3d 1040 (9th Cir. 2010), the Ct. App. reversed.");
    assert_one("The Crim. Ct. and the Civ. App. Comm. ruled under Art. 33(1) and Arts. 2 and 3.");
}

#[test]
fn multi_period_abbreviations_inside_sentences() {
    assert_one("The U.S. Congress and the U.K. Home Office disagreed.");
    assert_one("She studied in the U.S.A. and holds a Ph.D. from a university in Seoul.");
    assert_one("The E.U. member states met at 9 a.m. on Monday.");
}

#[test]
fn multi_period_abbreviation_at_the_end_of_a_sentence() {
    assert_split(
        "Many were resettled in the U.S. They arrived in 2004.",
        &["Many were resettled in the U.S.", "They arrived in 2004."],
    );
    assert_split(
        "The raid began at 4 a.m. The families were taken away.",
        &["The raid began at 4 a.m.", "The families were taken away."],
    );
    assert_split(
        "The last bus left at 9 p.m. However, some stayed.",
        &["The last bus left at 9 p.m.", "However, some stayed."],
    );
    assert_split(
        "He defended his thesis at the E.U. In 2010 he moved to Seoul.",
        &[
            "He defended his thesis at the E.U.",
            "In 2010 he moved to Seoul.",
        ],
    );
}

#[test]
fn time_abbreviation_before_a_title() {
    assert_split(
        "At 7 a.m. Dr. Osei arrived. The interview ended at 9 P.M. Mr. Lee then left.",
        &[
            "At 7 a.m. Dr. Osei arrived.",
            "The interview ended at 9 P.M.",
            "Mr. Lee then left.",
        ],
    );
}

#[test]
fn clock_time_before_a_capitalised_word_ends_a_sentence() {
    assert_split(
        "The convoy left at 6 a.m. Witnesses saw it cross the bridge.",
        &[
            "The convoy left at 6 a.m.",
            "Witnesses saw it cross the bridge.",
        ],
    );
    assert_one("The hearing starts at 9 a.m. Monday and ends at 5 p.m. GMT on Friday.");
}

#[test]
fn quantity_word_after_a_country_abbreviation_starts_a_sentence() {
    assert_split(
        "The appeal was sent to the U.K. Thousands signed it within a week.",
        &[
            "The appeal was sent to the U.K.",
            "Thousands signed it within a week.",
        ],
    );
}

#[test]
fn abbreviation_ending_a_sentence_before_a_common_opener() {
    assert_split(
        "They brought rice, oil, salt etc. The rest was sold.",
        &["They brought rice, oil, salt etc.", "The rest was sold."],
    );
    assert_split(
        "The contract was signed with Harbin Trading Co. It expired in 2015.",
        &[
            "The contract was signed with Harbin Trading Co.",
            "It expired in 2015.",
        ],
    );
}

#[test]
fn initials_do_not_end_sentences() {
    assert_one("James D. Seymour and J. R. R. Tolkien were quoted by Anna K. Berg.");
    assert_one("The report by A. B. Smith and the study by C. Jones differ.");
}

#[test]
fn pronoun_i_after_a_lowercase_word_ends_a_sentence() {
    assert_split(
        "The decision was made by you and I. Did anyone object?",
        &["The decision was made by you and I.", "Did anyone object?"],
    );
}

#[test]
fn number_abbreviations_before_numbers() {
    assert_one("Decree No. 12 of 2019 and Nos. 3 and 4 are listed on p. 55 and pp. 60-62.");
    assert_one("See vol. II, ch. 4, sec. 2, fig. 3 and para. 34 of the report.");
    assert_one("Protocol No. I was never ratified.");
}

#[test]
fn word_no_before_pronoun_ends_a_sentence() {
    assert_split(
        "He said no. I asked again.",
        &["He said no.", "I asked again."],
    );
}

// ---------------------------------------------------------------- numbers, URLs, e-mail

#[test]
fn numbers_with_periods_do_not_split() {
    assert_one(
        "About 3.5 million people, or 1,040 in 2003 alone, left between 12.03.2019 and 1.1.2020.",
    );
    assert_one("The form v2.1.3 was sent from 192.168.10.4 at 14.30 hours.");
    assert_one("The camp lies at 42.8746° N, 74.5698° E near the river.");
    assert_one("Each family received $120.50 in cash.");
}

#[test]
fn units_and_case_of_abbreviations() {
    assert_one("The bus was stopped near km. 42 on a road 5 ft. 6 in. wide.");
    assert_split(
        "The wall is 12 ft. The guards patrol it at night.",
        &["The wall is 12 ft.", "The guards patrol it at night."],
    );
    assert_one("The shelter is in Ft. Lauderdale, near the port.");
    // "Add." is a UN addendum, "add." a verb.
    assert_split(
        "Nothing more to add. The hearing closed. See A/HRC/40/3/Add. 1 for the annex.",
        &[
            "Nothing more to add.",
            "The hearing closed.",
            "See A/HRC/40/3/Add. 1 for the annex.",
        ],
    );
}

#[test]
fn sentence_ending_in_a_number() {
    assert_split(
        "The law was adopted in 2003. The next year, arrests doubled.",
        &[
            "The law was adopted in 2003.",
            "The next year, arrests doubled.",
        ],
    );
    assert_split(
        "The fee was $100.00. It was paid in cash.",
        &["The fee was $100.00.", "It was paid in cash."],
    );
    assert_split(
        "Section 2.3. The second part follows.",
        &["Section 2.3.", "The second part follows."],
    );
}

#[test]
fn urls_and_email_addresses() {
    assert_split(
        "The list is online at https://www.example.org/reports/list.html. It is updated weekly.",
        &[
            "The list is online at https://www.example.org/reports/list.html.",
            "It is updated weekly.",
        ],
    );
    assert_split(
        "Write to Field.Office@example.org. Staff reply within days.",
        &[
            "Write to Field.Office@example.org.",
            "Staff reply within days.",
        ],
    );
    assert_one("See www.example.org/Docs/Report.Final.pdf for details.");
}

#[test]
fn web_address_without_a_slash_is_not_split() {
    assert_one("See www.refugee-aid.Example.org for the list.");
}

#[test]
fn short_capitalised_word_before_a_number_is_an_abbreviation() {
    assert_one("Each family was paid Rs. 5000 and Tk. 300 in compensation.");
}

#[test]
fn missing_space_between_sentences() {
    assert_split(
        "The border was closed.Families waited for days.Mr. Park counted 1,200.Nobody left.",
        &[
            "The border was closed.",
            "Families waited for days.",
            "Mr. Park counted 1,200.",
            "Nobody left.",
        ],
    );
}

#[test]
fn brand_with_exclamation_mark() {
    assert_one("He posted the video on Yahoo! in March.");
}

// ---------------------------------------------------------------- footnotes

#[test]
fn glued_footnote_numbers_stay_with_their_sentence() {
    assert_split(
        "Two men were beaten.12 Three women were sold to farmers.13,14 Nobody was charged.15-17 The case was closed.",
        &[
            "Two men were beaten.12",
            "Three women were sold to farmers.13,14",
            "Nobody was charged.15-17",
            "The case was closed.",
        ],
    );
}

#[test]
fn bracketed_and_superscript_footnotes() {
    assert_split(
        "They were detained.[4] Police denied it.[5][6] Lawyers appealed.² The court refused.",
        &[
            "They were detained.[4]",
            "Police denied it.[5][6]",
            "Lawyers appealed.²",
            "The court refused.",
        ],
    );
}

#[test]
fn footnote_after_closing_quote() {
    assert_split(
        "The officer called them \"illegal migrants.\"21 They were deported.",
        &[
            "The officer called them \"illegal migrants.\"21",
            "They were deported.",
        ],
    );
}

#[test]
fn footnote_rules_do_not_swallow_numbers() {
    assert_split(
        "Arrests rose in 2003. 2004 was worse.",
        &["Arrests rose in 2003.", "2004 was worse."],
    );
    assert_one("Decree No.12 bans border crossings.");
    assert_one("The rate was 2003.12 by their count.");
}

// issue 11: a footnote number after the full stop stays with its sentence, and the
// next sentence starts a new unit (PDFs of UN and NGO reports).
#[test]
fn footnote_number_after_a_year() {
    assert_split(
        "Executions doubled between 2017 and 2019.31 The ministry disputed the figures.",
        &[
            "Executions doubled between 2017 and 2019.31",
            "The ministry disputed the figures.",
        ],
    );
    assert_split(
        "At least 1,200 people were displaced.4 Some 3,400.12 Most remain in camps.",
        &[
            "At least 1,200 people were displaced.4",
            "Some 3,400.12",
            "Most remain in camps.",
        ],
    );
    // A decimal stays a decimal.
    assert_one("Inflation reached 2019.5 points on the index in March.");
    assert_one("Growth was 2,019.25 per cent.");
}

#[test]
fn several_footnote_numbers_separated_by_spaces() {
    assert_split(
        "The bodies were returned to the families.7 8 Officials refused to comment.",
        &[
            "The bodies were returned to the families.7 8",
            "Officials refused to comment.",
        ],
    );
    assert_split(
        "The law was amended in June.12 13 14 It still allows detention without trial.",
        &[
            "The law was amended in June.12 13 14",
            "It still allows detention without trial.",
        ],
    );
    assert_split(
        "Access was denied.[19] [20] The Government did not reply.",
        &[
            "Access was denied.[19] [20]",
            "The Government did not reply.",
        ],
    );
    assert_split(
        "The detainees were released on bail.⁷ ⁸ Their trial has not started.",
        &[
            "The detainees were released on bail.⁷ ⁸",
            "Their trial has not started.",
        ],
    );
    // A number that does not follow on is the start of the next sentence.
    assert_split(
        "The bodies were returned.7 80 Officials attended.",
        &["The bodies were returned.7", "80 Officials attended."],
    );
}

#[test]
fn footnote_numbers_at_line_ends() {
    assert_split(
        "The Special Rapporteur visited the country in 2018.5\nHer report was published in 2019.6\nThe Government rejected it.",
        &[
            "The Special Rapporteur visited the country in 2018.5",
            "Her report was published in 2019.6",
            "The Government rejected it.",
        ],
    );
}

// ---------------------------------------------------------------- lowercase continuation

#[test]
fn lowercase_after_period_continues_the_sentence() {
    assert_one("The guards wore uniforms w. insignia. and carried batons.");
    assert_one("She was listed as no. three on the roster.");
    assert_one("Access was denied to approx. forty families in the area.");
}

#[test]
fn lowercase_pronoun_in_uncapitalised_text_starts_a_sentence() {
    assert_split(
        "we reached the camp at night. it was full. they sent us away.",
        &[
            "we reached the camp at night.",
            "it was full.",
            "they sent us away.",
        ],
    );
}

// ---------------------------------------------------------------- user abbreviations

#[test]
fn user_abbreviation_prevents_a_split() {
    let text = "The statement was signed by Kpt. Ivanov of the border guard.";
    assert_eq!(
        texts(text).len(),
        2,
        "without the entry, Kpt. ends a sentence"
    );
    let segmenter = RuleSegmenter::new().with_abbreviations(["Kpt."]);
    assert_eq!(segmenter.segment(text).len(), 1);
}

#[test]
fn abbreviations_file_is_read_with_sections() {
    let dir = std::env::temp_dir().join(format!("claimscan-abbr-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("extra.txt");
    std::fs::write(
        &path,
        "# extra titles\n[prepositive]\nKpt.   # Kapitan\nWg. Cdr.\n[number]\nRn.\n",
    )
    .unwrap();
    let segmenter = RuleSegmenter::new().with_abbreviations_file(&path).unwrap();
    let got: Vec<String> = segmenter
        .segment("The order came from Kpt. The Second Unit on Rn. 4 in the camp.")
        .into_iter()
        .map(|s| s.text)
        .collect();
    assert_eq!(
        got,
        ["The order came from Kpt. The Second Unit on Rn. 4 in the camp."]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn malformed_abbreviations_file_names_file_and_line() {
    let dir = std::env::temp_dir().join(format!("claimscan-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.txt");
    std::fs::write(&path, "Kpt.\n\n(Gen.)\n").unwrap();
    let err = RuleSegmenter::new()
        .with_abbreviations_file(&path)
        .unwrap_err();
    match &err {
        Error::Data { path: p, line, .. } => {
            assert_eq!(p, &path);
            assert_eq!(*line, 3);
        }
        other => panic!("expected Error::Data, got {other:?}"),
    }
    assert!(err.to_string().contains("bad.txt, line 3"), "{err}");

    std::fs::write(&path, "[titles]\n").unwrap();
    let err = RuleSegmenter::new()
        .with_abbreviations_file(&path)
        .unwrap_err();
    assert!(matches!(err, Error::Data { line: 1, .. }), "{err:?}");

    std::fs::write(&path, b"Kpt.\nGen\xff.\n").unwrap();
    let err = RuleSegmenter::new()
        .with_abbreviations_file(&path)
        .unwrap_err();
    assert!(matches!(err, Error::Data { line: 2, .. }), "{err:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn unreadable_abbreviations_file_is_an_io_error() {
    let path = std::env::temp_dir().join("claimscan-no-such-dir/abbreviations.txt");
    let err = RuleSegmenter::new()
        .with_abbreviations_file(&path)
        .unwrap_err();
    assert!(
        matches!(&err, Error::Io { path: p, .. } if p == &path),
        "{err:?}"
    );
    assert!(err.to_string().contains("claimscan-no-such-dir"), "{err}");
}

// ---------------------------------------------------------------- API

#[test]
fn unit_kinds_serialise_in_snake_case() {
    assert_eq!(serde_json::to_string(&ListItem).unwrap(), "\"list_item\"");
    assert_eq!(
        serde_json::from_str::<UnitKind>("\"heading\"").unwrap(),
        Heading
    );
    let seg = &segment("Only one.")[0];
    let json = serde_json::to_value(seg).unwrap();
    assert_eq!(json["kind"], "sentence");
    assert_eq!(json["char_end"], 9);
}

#[test]
fn segmenter_is_usable_as_a_shared_trait_object() {
    let segmenter: std::sync::Arc<dyn Segmenter> = std::sync::Arc::new(RuleSegmenter::default());
    let handle = {
        let segmenter = segmenter.clone();
        std::thread::spawn(move || segmenter.segment("One. Two.").len())
    };
    assert_eq!(handle.join().unwrap(), 2);
}

#[test]
fn long_input_is_handled_in_linear_time() {
    // Quadratic behaviour would make these take minutes.
    let patterns = [
        "(", "\"a. B ", "‘a. B ", "a.b.c.D", "1. ", "of\n\n", ". ", ".[", "x.¹", "www.a.B", "ab\n",
        "Mr. ", "• ",
    ];
    for pattern in patterns {
        let text = pattern.repeat(150_000 / pattern.len());
        let started = std::time::Instant::now();
        let segments = segment(&text);
        assert!(!segments.is_empty());
        assert!(started.elapsed().as_secs() < 20, "too slow on {pattern:?}");
    }
}
