//! Tests of the attribute extractor (hedged, actors, quantities) on sentences written for
//! these tests in the style of refugee and human-rights reports.

use std::path::PathBuf;
use std::sync::OnceLock;

use claimscan::extract::{Attributes, Extractor, RuleExtractor};
use claimscan::Error;

fn extractor() -> &'static RuleExtractor {
    static EXTRACTOR: OnceLock<RuleExtractor> = OnceLock::new();
    EXTRACTOR.get_or_init(RuleExtractor::new)
}

fn hedged(sentence: &str) -> bool {
    extractor().extract(sentence).hedged
}

fn actors(sentence: &str) -> Vec<String> {
    extractor().extract(sentence).actors
}

fn quantities(sentence: &str) -> Vec<String> {
    extractor().extract(sentence).quantities
}

#[track_caller]
fn assert_hedged(sentence: &str) {
    assert!(hedged(sentence), "expected hedged: {sentence}");
}

#[track_caller]
fn assert_not_hedged(sentence: &str) {
    assert!(!hedged(sentence), "expected not hedged: {sentence}");
}

#[track_caller]
fn assert_actors(sentence: &str, expected: &[&str]) {
    assert_eq!(actors(sentence), expected, "actors of: {sentence}");
}

#[track_caller]
fn assert_quantities(sentence: &str, expected: &[&str]) {
    assert_eq!(quantities(sentence), expected, "quantities of: {sentence}");
}

// ---------------------------------------------------------------- API

#[test]
fn extract_returns_all_three_attributes() {
    let attributes = extractor()
        .extract("According to UNHCR, Thai police deported more than 2,000 migrants in 2019.");
    assert_eq!(
        attributes,
        Attributes {
            hedged: true,
            actors: vec!["UNHCR".to_string(), "Thailand".to_string()],
            quantities: vec!["more than 2,000 migrants in 2019".to_string()],
        }
    );
}

#[test]
fn empty_sentence_has_default_attributes() {
    assert_eq!(extractor().extract(""), Attributes::default());
    assert_eq!(extractor().extract("   "), Attributes::default());
}

#[test]
fn extractor_is_usable_as_a_shared_trait_object() {
    let shared: std::sync::Arc<dyn Extractor> = std::sync::Arc::new(RuleExtractor::default());
    let worker = {
        let shared = shared.clone();
        std::thread::spawn(move || shared.extract("Beijing deported them.").actors)
    };
    assert_eq!(worker.join().unwrap(), ["China"]);
}

#[test]
fn default_equals_new() {
    let sentence = "The Chinese government returned 40 women, reportedly.";
    assert_eq!(
        RuleExtractor::default().extract(sentence),
        RuleExtractor::new().extract(sentence)
    );
}

// ---------------------------------------------------------------- hedged: attribution

#[test]
fn hedged_by_reportedly() {
    assert_hedged("Those who were sent back reportedly spent months in a labour camp.");
}

#[test]
fn hedged_by_allegedly() {
    assert_hedged("Border guards allegedly beat the men before handing them over.");
}

#[test]
fn hedged_by_according_to_a_source() {
    assert_hedged("According to UNHCR, 300 asylum seekers were deported last month.");
}

#[test]
fn hedged_when_sources_said() {
    assert_hedged("Sources in the province said the detainees were moved at night.");
}

#[test]
fn hedged_when_witnesses_told_us() {
    assert_hedged("Witnesses told us the soldiers set fire to the shelters.");
}

#[test]
fn hedged_when_witnesses_said_facts() {
    assert_hedged("Witnesses said the men were beaten with batons.");
}

#[test]
fn hedged_when_an_ngo_reports_facts_about_others() {
    assert_hedged("Human Rights Watch reported that guards beat detainees in the camp.");
}

#[test]
fn hedged_when_an_agency_confirmed_that() {
    assert_hedged("UNHCR confirmed that 300 people had been deported to Myanmar.");
}

#[test]
fn hedged_when_an_actor_estimates() {
    assert_hedged("The ministry estimates 30,000 North Koreans live in hiding.");
}

#[test]
fn hedged_by_passive_it_is_alleged() {
    assert_hedged("It is alleged that the returnees were sent to a political prison camp.");
}

#[test]
fn hedged_by_is_said_to() {
    assert_hedged("The camp is said to hold more than a thousand women.");
}

#[test]
fn hedged_by_are_believed_to() {
    assert_hedged("The men are believed to have been executed after their return.");
}

#[test]
fn hedged_by_is_thought_to() {
    assert_hedged("The detention centre is thought to hold 2,000 people.");
}

#[test]
fn hedged_by_rumoured() {
    assert_hedged("A new round-up was rumoured in the border towns.");
}

#[test]
fn hedged_by_quoted_testimony() {
    assert_hedged("\u{201c}They beat us every day,\u{201d} he said.");
}

#[test]
fn hedged_by_testimony_after_a_colon() {
    assert_hedged("One woman told us: the guards kicked her until she fainted.");
}

#[test]
fn hedged_when_we_were_told() {
    assert_hedged("We were told that the guards beat detainees who complained.");
}

#[test]
fn hedged_by_as_reported_by() {
    assert_hedged("As reported by Amnesty International, 300 people were pushed back.");
}

#[test]
fn hedged_by_reports_of_abuse_outside_a_demand() {
    assert_hedged("There were reports of torture in the detention centre.");
}

#[test]
fn hedged_by_the_alleged_act() {
    assert_hedged("The alleged beating of detainees has caused outrage in the capital.");
}

#[test]
fn hedged_by_unconfirmed_reports() {
    assert_hedged("Unconfirmed reports say 12 people died in the crossing.");
}

#[test]
fn hedged_when_claims_cannot_be_verified() {
    assert_hedged("The deaths could not be independently verified.");
}

#[test]
fn hedged_by_suspected_as_a_softener() {
    assert_hedged("Border guards detained 40 suspected smugglers near the river.");
}

// ---------------------------------------------------------------- hedged: softening

#[test]
fn hedged_by_may_have_been() {
    assert_hedged("Several of the returnees may have been executed.");
}

#[test]
fn hedged_by_may_with_no_rule_in_sight() {
    assert_hedged("Hundreds may be held in the camp near the airport.");
}

#[test]
fn hedged_by_might() {
    assert_hedged("The returnees might face imprisonment on arrival.");
}

#[test]
fn hedged_by_could_have() {
    assert_hedged("The boat could have been intercepted by the coast guard.");
}

#[test]
fn hedged_by_apparently_and_probably() {
    assert_hedged("The group was apparently handed over at the bridge.");
    assert_hedged("Guards probably beat the detainees before the transfer.");
}

#[test]
fn hedged_by_possibly_and_likely() {
    assert_hedged("The women were possibly sold to farmers.");
    assert_hedged("Those returned will likely face imprisonment.");
}

#[test]
fn hedged_by_it_appears_and_seems_to() {
    assert_hedged("It appears that the border was sealed in March.");
    assert_hedged("The number of arrests seems to have risen sharply.");
}

#[test]
fn hedge_cues_are_case_insensitive() {
    assert_hedged("REPORTEDLY, THE CAMP WAS CLOSED.");
    assert_hedged("Allegedly the men were sold.");
}

// ---------------------------------------------------------------- hedged: negatives

#[test]
fn not_hedged_when_stated_as_fact() {
    assert_not_hedged("Border guards beat the women before locking them in a cell.");
}

#[test]
fn not_hedged_when_an_actor_states_its_own_plan() {
    assert_not_hedged("The ministry said it will deport them.");
}

#[test]
fn not_hedged_when_officials_state_an_enforcement_position() {
    assert_not_hedged("Officials said the agreement would be enforced.");
}

#[test]
fn not_hedged_when_the_government_announces_a_decision() {
    assert_not_hedged("The government announced that all camps would close.");
}

#[test]
fn not_hedged_by_a_demand() {
    assert_not_hedged("UNHCR urged Thailand not to return them.");
}

#[test]
fn not_hedged_when_an_actor_states_a_legal_reading() {
    assert_not_hedged("Officials said the deportation was legal.");
    assert_not_hedged("The court found that the deportation was unlawful.");
}

#[test]
fn not_hedged_by_a_prohibition_with_may_not() {
    assert_not_hedged("Governments may not return refugees to a country where they face torture.");
}

#[test]
fn not_hedged_by_could_of_permission_or_ability() {
    assert_not_hedged("The state could allow access to the camps.");
    assert_not_hedged("The children could not leave the camp.");
}

#[test]
fn not_hedged_by_may_of_permission() {
    assert_not_hedged("Asylum seekers may apply for protection at the border.");
}

#[test]
fn not_hedged_by_may_in_a_legal_rule() {
    assert_not_hedged("Refugees may be detained for up to 90 days under the Immigration Act.");
}

#[test]
fn not_hedged_by_should() {
    assert_not_hedged("The government should let the refugee agency interview every detainee.");
}

#[test]
fn not_hedged_by_according_to_a_rule() {
    assert_not_hedged("According to Article 33, states must not expel a refugee.");
    assert_not_hedged("According to international law, no one may be returned to torture.");
}

#[test]
fn reports_of_torture_stay_hedged_inside_a_demand() {
    // The documented choice: the abuse named by "reports of" is still second-hand, whether
    // the sentence narrates the reports or demands that they be investigated.
    assert_hedged("UNHCR called for an investigation into reports of torture.");
    assert_hedged("Investigate allegations of extortion by police at checkpoints.");
}

#[test]
fn claims_that_the_sentence_rejects_are_not_hedged() {
    assert_not_hedged(
        "The ministry categorically rejects claims that police officers beat migrants.",
    );
    assert_not_hedged("Reports of police harassment are baseless propaganda.");
}

#[test]
fn a_denied_fact_does_not_count_as_a_rejection() {
    assert_hedged(
        "The Committee is concerned about reports that detainees are denied access to lawyers.",
    );
}

#[test]
fn but_an_adverb_hedges_even_inside_a_demand() {
    assert_hedged("UNHCR urged Thailand to release the men who were allegedly tortured.");
}

#[test]
fn not_hedged_when_the_author_documents() {
    assert_not_hedged("We documented 30 cases of torture in the camp.");
}

#[test]
fn not_hedged_by_an_order_with_told_to() {
    assert_not_hedged("Police told the women to leave the market.");
    assert_not_hedged("The families were told to leave the camp within 48 hours.");
}

#[test]
fn not_hedged_by_suspected_of_an_accusation() {
    assert_not_hedged("Men suspected of smuggling were arrested at the border.");
}

#[test]
fn not_hedged_by_may_the_month() {
    assert_not_hedged("In May 2019, police detained 40 migrants at the station.");
    assert_not_hedged("May 12 was the date of the raid.");
}

#[test]
fn not_hedged_by_an_act_of_reporting_or_writing() {
    assert_not_hedged("The incident was reported to the police.");
    assert_not_hedged("She wrote to the Committee against Torture in 2016.");
}

#[test]
fn not_hedged_by_cue_letters_inside_other_words() {
    assert_not_hedged("The mayor expressed dismay at the conditions in the camp.");
    assert_not_hedged("The likelihood of deportation is high.");
}

#[test]
fn not_hedged_by_an_author_cross_reference() {
    assert_not_hedged("As noted above, the camp held 300 people.");
}

#[test]
fn not_hedged_by_an_estimated_count() {
    assert_not_hedged("An estimated 300 people were returned last year.");
}

#[test]
fn an_institution_reporting_its_own_figures_is_hedged() {
    assert_hedged(
        "The migration authority said it had deported more than 2,000 migrants last month.",
    );
}

#[test]
fn an_institution_reporting_its_own_action_without_figures_is_not_hedged() {
    assert_not_hedged(
        "The border agency said it had no role in deciding where the boats are taken.",
    );
    assert_not_hedged("The World Food Programme said it had cut rations by half.");
}

#[test]
fn the_listener_of_told_is_not_the_speaker() {
    assert_hedged("A former guard told our researchers that officers beat detainees every night.");
}

#[test]
fn a_sentence_final_attribution_judges_the_words_before_it() {
    assert_hedged("Soldiers burned the shelters near the river, a local official said.");
    assert_not_hedged("The camps will close by June, a senior official announced in February.");
}

#[test]
fn a_witness_named_with_age_gives_testimony() {
    assert_hedged("\"They said we were going home,\" Daniel, 31, recalled.");
}

#[test]
fn a_source_in_closing_parentheses_hedges_a_statistic() {
    assert_hedged("Persons intercepted at sea and returned in 2023: 17,190 (IOM)");
    assert_hedged("Afghans arrested under the Foreigners Act, 2023: 36,400 (police data)");
    assert_not_hedged("Deportation to torture is prohibited (Law No. 6458, Art. 4).");
}

#[test]
fn a_figure_recorded_by_someone_is_hedged() {
    assert_hedged("Returns to Syria recorded by the ministry rose to 550,000.");
    assert_hedged("Those deported were, by their own account, never brought before a judge.");
}

#[test]
fn a_characterisation_quoted_from_someone_is_hedged() {
    assert_hedged("The minister protested what he called the inhumane treatment of deportees.");
    assert_hedged("The decision was widely seen as a response to public pressure.");
}

#[test]
fn scholarly_findings_are_attributed() {
    assert_hedged("Economists estimate that migrant workers make up a third of the labour force.");
    assert_hedged("Scholars have linked the rise in kidnappings to the number of people stranded.");
    assert_not_hedged("Our researchers documented 212 cases of kidnapping after expulsion.");
}

#[test]
fn court_findings_are_decisions_not_hearsay() {
    assert_not_hedged(
        "The court found that the authorities had returned the applicants without any assessment.",
    );
}

#[test]
fn a_standard_of_proof_is_not_a_belief() {
    assert_not_hedged("The Commission found reasonable grounds to believe that national service amounts to enslavement.");
}

#[test]
fn comparative_likelihood_is_not_a_hedge() {
    assert_not_hedged("Returnees are more likely to be sentenced than other detainees.");
}

#[test]
fn bare_could_and_may_have_with_a_noun_do_not_hedge() {
    assert_not_hedged("The children could be returned at any time.");
    assert_not_hedged(
        "UNHCR reminds States that Tigrayans may have international protection needs.",
    );
}

// ---------------------------------------------------------------- actors: normalisation

#[test]
fn china_aliases_normalise_to_china() {
    for sentence in [
        "Beijing refuses to recognise them as refugees.",
        "The PRC signed the agreement.",
        "The People's Republic of China has ratified the Convention.",
        "Chinese authorities repatriate them every week.",
        "The Chinese government calls them illegal economic migrants.",
        "Chinese police raided the village.",
    ] {
        assert_actors(sentence, &["China"]);
    }
}

#[test]
fn north_korea_aliases_normalise_to_north_korea() {
    for sentence in [
        "Pyongyang punishes those who are returned.",
        "The DPRK denied the charge.",
        "North Korean authorities sent them to labour camps.",
        "The North Korean regime treats defection as treason.",
        "The Democratic People's Republic of Korea rejected the recommendations.",
    ] {
        assert_actors(sentence, &["North Korea"]);
    }
}

#[test]
fn south_korea_aliases_normalise_to_south_korea() {
    for sentence in [
        "Seoul offered to accept them.",
        "The ROK grants citizenship to arrivals from the North.",
        "The South Korean government funds the resettlement centre.",
    ] {
        assert_actors(sentence, &["South Korea"]);
    }
}

#[test]
fn unhcr_aliases_normalise_to_unhcr() {
    for sentence in [
        "UNHCR was denied access.",
        "The UN refugee agency was denied access.",
        "The Office of the UN High Commissioner for Refugees was denied access.",
    ] {
        assert_actors(sentence, &["UNHCR"]);
    }
}

#[test]
fn un_bodies_keep_their_own_names() {
    assert_actors(
        "OHCHR, IOM and the UN Human Rights Council raised the case with the Committee against Torture.",
        &["OHCHR", "IOM", "UN Human Rights Council", "Committee against Torture"],
    );
}

#[test]
fn special_rapporteurs_map_to_their_mandate_without_a_separate_un() {
    assert_actors(
        "The UN Special Rapporteur on torture visited the camp.",
        &["Special Rapporteur on torture"],
    );
    assert_actors(
        "The Special Rapporteur on the situation of human rights in the Democratic People's Republic of Korea called for an inquiry.",
        &["Special Rapporteur on North Korea"],
    );
}

#[test]
fn eu_institutions_are_the_european_union_but_frontex_and_parliament_are_not() {
    assert_actors(
        "Brussels and the European Commission defended the deal, while Frontex and the European Parliament disagreed.",
        &["European Union", "Frontex", "European Parliament"],
    );
    assert_actors(
        "The EU funds the Libyan Coast Guard.",
        &["European Union", "Libyan Coast Guard"],
    );
}

#[test]
fn us_congress_is_separate_from_the_united_states() {
    assert_actors(
        "The US Congress passed the act, and Washington and the US government funded it.",
        &["US Congress", "United States"],
    );
}

#[test]
fn the_hellenic_coast_guard_is_greece() {
    assert_actors(
        "The Hellenic Coast Guard pushed the dinghy back, and Athens denied it.",
        &["Greece"],
    );
}

#[test]
fn the_taliban_are_their_own_actor_and_kabul_is_afghanistan() {
    assert_actors(
        "The Taliban authorities detained returnees, and Afghan officials confirmed it.",
        &["Taliban", "Afghanistan"],
    );
    assert_actors(
        "Kabul asked Islamabad to halt the deportations.",
        &["Afghanistan", "Pakistan"],
    );
}

#[test]
fn houthis_are_separate_from_yemen() {
    assert_actors(
        "Yemen's government and the Houthis both detained migrants; Houthi forces fired on them.",
        &["Yemen", "Houthis"],
    );
}

#[test]
fn myanmar_aliases_include_the_military() {
    assert_actors(
        "The Tatmadaw burned the villages and the Burmese military denied it.",
        &["Myanmar"],
    );
}

#[test]
fn many_countries_and_capitals_are_known() {
    assert_actors(
        "Dhaka, Tehran, Ankara, Türkiye, Beirut, Damascus, Rome, Israel, Cairo, Asmara, Khartoum, Addis Ababa and Riyadh signed the statement.",
        &[
            "Bangladesh",
            "Iran",
            "Turkey",
            "Lebanon",
            "Syria",
            "Italy",
            "Israel",
            "Egypt",
            "Eritrea",
            "Sudan",
            "Ethiopia",
            "Saudi Arabia",
        ],
    );
    assert_actors(
        "Mexico, the Dominican Republic, Haiti, Venezuela, Colombia, Peru, Chile, Trinidad and Tobago, Malaysia, India, Kazakhstan, Australia and Sri Lanka abstained.",
        &[
            "Mexico",
            "Dominican Republic",
            "Haiti",
            "Venezuela",
            "Colombia",
            "Peru",
            "Chile",
            "Trinidad and Tobago",
            "Malaysia",
            "India",
            "Kazakhstan",
            "Australia",
            "Sri Lanka",
        ],
    );
}

#[test]
fn ngos_and_the_red_cross_are_known() {
    assert_actors(
        "Human Rights Watch, Amnesty International, MSF and the ICRC wrote to the minister.",
        &[
            "Human Rights Watch",
            "Amnesty International",
            "Médecins Sans Frontières",
            "ICRC",
        ],
    );
}

#[test]
fn actors_are_in_order_of_first_mention_and_deduplicated() {
    assert_actors(
        "Thailand handed the men to Myanmar officials, and Bangkok later told UNHCR that Thai police acted alone.",
        &["Thailand", "Myanmar", "UNHCR"],
    );
}

#[test]
fn the_longest_alias_wins() {
    // "Republic of Korea" inside the North's full name is not South Korea.
    assert_actors(
        "The Democratic People's Republic of Korea rejected the report.",
        &["North Korea"],
    );
    assert_actors(
        "The Human Rights Council adopted the resolution.",
        &["UN Human Rights Council"],
    );
}

#[test]
fn aliases_match_curly_apostrophes_and_headings_in_capitals() {
    assert_actors(
        "The People\u{2019}s Republic of China\u{2019}s courts agreed.",
        &["China"],
    );
    assert_actors("CHINESE POLICE RAID BORDER TOWNS", &["China"]);
    assert_actors("THE UN REFUGEE AGENCY APPEALS FOR ACCESS", &["UNHCR"]);
    assert_actors("The Un Refugee Agency Appeals For Access", &[]);
}

// ---------------------------------------------------------------- actors: context rules

#[test]
fn a_country_as_subject_is_an_actor() {
    assert_actors("China deported the women on Tuesday.", &["China"]);
}

#[test]
fn a_country_after_a_preposition_of_place_is_not_an_actor() {
    assert_actors("She fled to China in 1998.", &[]);
    assert_actors("She lived in northeast China for six years.", &[]);
    assert_actors("Refugees were returned from Thailand to Laos.", &[]);
    assert_actors("He crossed into Turkey at night.", &[]);
}

#[test]
fn a_country_after_a_movement_verb_is_not_an_actor() {
    assert_actors("Thousands fled Myanmar after the offensive.", &[]);
}

#[test]
fn coordinated_places_stay_places() {
    assert_actors("They escaped from China and Russia.", &[]);
    assert_actors(
        "Along the China\u{2013}North Korea border, guards patrol the river.",
        &[],
    );
}

#[test]
fn a_place_followed_by_an_institution_is_an_actor() {
    assert_actors(
        "They were held in China's border police stations.",
        &["China"],
    );
    assert_actors("The case was raised with US officials.", &["United States"]);
}

#[test]
fn a_preposition_hanging_on_an_institution_keeps_the_actor() {
    assert_actors(
        "The government of Thailand and officials from Malaysia met in Bangkok.",
        &["Thailand", "Malaysia"],
    );
    assert_actors(
        "UNHCR appealed to Thailand to halt the deportation.",
        &["UNHCR", "Thailand"],
    );
    assert_actors(
        "According to China, the men are illegal migrants.",
        &["China"],
    );
}

#[test]
fn an_embassy_in_a_capital_does_not_make_the_host_an_actor() {
    assert_actors(
        "The Chinese embassy in Bangkok requested their return.",
        &["China"],
    );
}

#[test]
fn an_agreement_between_countries_names_both() {
    assert_actors(
        "An agreement between China and North Korea requires the return of border crossers.",
        &["China", "North Korea"],
    );
}

#[test]
fn demonyms_count_before_institutional_nouns() {
    assert_actors(
        "Thai immigration officials detained 60 Rohingya.",
        &["Thailand"],
    );
    assert_actors(
        "The Chinese and North Korean authorities signed a protocol.",
        &["China", "North Korea"],
    );
    assert_actors(
        "The Lebanese army raided the camps near Arsal.",
        &["Lebanon"],
    );
}

#[test]
fn demonyms_for_people_are_not_actors() {
    assert_actors("North Korean women are sold to farmers in Jilin.", &[]);
    assert_actors("Syrian refugees make up a quarter of the population.", &[]);
}

#[test]
fn acronyms_need_their_case_and_whole_words() {
    assert_actors("The axiom holds for us and for them.", &[]);
    assert_actors("They told us the biome was damaged.", &[]);
    assert_actors("The iom team may visit.", &[]);
}

#[test]
fn currency_prefixes_are_not_actors() {
    assert_actors("Each paid US$3,000 to brokers.", &[]);
}

#[test]
fn lowercase_prefixed_names_are_not_actors() {
    assert_actors("Non-EU nationals and pro-China groups protested.", &[]);
}

#[test]
fn aliases_inside_document_symbols_are_not_actors() {
    assert_actors("See CERD/C/CHN/CO/14-17 and U.N. Doc. A/HRC/25/63.", &[]);
}

#[test]
fn a_capital_inside_another_name_is_not_an_actor() {
    assert_actors("The Quito Process was launched as a regional forum.", &[]);
}

#[test]
fn a_name_inside_another_countrys_institution_is_not_an_actor() {
    assert_actors("The Indian National Congress opposed the bill.", &["India"]);
}

// ---------------------------------------------------------------- quantities: positives

#[test]
fn a_count_with_its_year() {
    assert_quantities(
        "The number of forced returns reached 1,040 in 2003.",
        &["1,040 in 2003"],
    );
}

#[test]
fn vague_plural_amounts() {
    assert_quantities(
        "Tens of thousands fled and hundreds of thousands remain in hiding.",
        &["Tens of thousands", "hundreds of thousands"],
    );
    assert_quantities("Dozens were arrested at the market.", &["Dozens"]);
}

#[test]
fn fractions_with_approximators() {
    assert_quantities(
        "About a fifth of the detainees are children.",
        &["About a fifth"],
    );
    assert_quantities("Nearly half were women.", &["Nearly half"]);
    assert_quantities("Two-thirds of the arrivals were girls.", &["Two-thirds"]);
}

#[test]
fn approximators_and_counted_nouns_are_included() {
    assert_quantities("Some 300 people were held there.", &["Some 300 people"]);
    assert_quantities(
        "Police intercepted more than 2,000 migrants at the border.",
        &["more than 2,000 migrants"],
    );
    assert_quantities("At least 12 died in custody.", &["At least 12"]);
}

#[test]
fn counted_nouns_may_follow_after_modifiers() {
    assert_quantities(
        "Guards detained 40 North Korean women and 300 unaccompanied children.",
        &["40 North Korean women", "300 unaccompanied children"],
    );
}

#[test]
fn large_numbers_with_scale_words() {
    assert_quantities(
        "Turkey hosts 3.5 million Syrians.",
        &["3.5 million Syrians"],
    );
}

#[test]
fn money_amounts() {
    assert_quantities(
        "Brokers charged US$5,000, guards took $1,200 and the EU pledged \u{20ac}20 million.",
        &["US$5,000", "$1,200", "\u{20ac}20 million"],
    );
    assert_quantities("The fine is 2,000 yuan per person.", &["2,000 yuan"]);
}

#[test]
fn time_amounts() {
    assert_quantities(
        "He served 15 years; she spent six months in detention, 90 days in a cell and three weeks in hospital.",
        &["15 years", "six months", "90 days", "three weeks"],
    );
}

#[test]
fn percentages() {
    assert_quantities(
        "Arrests rose by 40 per cent, and 25% of them were minors.",
        &["40 per cent", "25%"],
    );
}

#[test]
fn spelled_numbers() {
    assert_quantities(
        "Twenty-five women and two hundred and fifty men were held for a dozen days.",
        &[
            "Twenty-five women",
            "two hundred and fifty men",
            "a dozen days",
        ],
    );
}

#[test]
fn ranges_are_one_quantity() {
    assert_quantities(
        "Between 200 and 300 people were held in 12 to 15 cells.",
        &["Between 200 and 300 people", "12 to 15 cells"],
    );
}

/// Issue 14: "-5 degrees" gave "5 degrees".
#[test]
fn a_minus_sign_stays_with_its_number() {
    assert_quantities(
        "Temperatures fell to -5 degrees and then to \u{2212}12 degrees.",
        &["-5 degrees", "\u{2212}12 degrees"],
    );
    // A dash between numbers or words is no sign.
    assert_quantities("COVID-19 cases rose by 40 percent.", &["40 percent"]);
    assert_quantities("About 40 - 50 people fled.", &["About 40", "50 people"]);
}

#[test]
fn ratios() {
    assert_quantities(
        "One in five women interviewed had been sold.",
        &["One in five"],
    );
}

#[test]
fn a_year_like_number_with_a_counted_noun_is_a_count() {
    assert_quantities(
        "Police returned 2000 people and about 1500 more.",
        &["2000 people", "about 1500"],
    );
}

#[test]
fn hyphenated_time_compounds() {
    assert_quantities(
        "The 15-year-old girl received a six-month sentence.",
        &["15-year-old", "six-month"],
    );
}

#[test]
fn quantities_come_in_sentence_order() {
    assert_quantities(
        "In 2019, 40 per cent of the 1,200 detainees paid 5,000 yuan.",
        &["40 per cent", "1,200 detainees", "5,000 yuan"],
    );
}

// ---------------------------------------------------------------- quantities: negatives

#[test]
fn a_bare_year_is_a_date() {
    assert_quantities("The camp was opened in 1995.", &[]);
    assert_quantities("They invoked the 1951 Convention.", &[]);
    assert_quantities("In 2015 refugees arrived by boat.", &[]);
}

#[test]
fn a_range_of_years_is_a_period() {
    assert_quantities(
        "Between 2014 and 2019, 1,040 people were deported.",
        &["1,040 people"],
    );
    assert_quantities("During 2014-2019 the camp was full.", &[]);
}

#[test]
fn dates_and_clock_times_are_not_quantities() {
    assert_quantities(
        "He arrived on 12 March 2019 and left on March 14, 2019 at 10:30 a.m.",
        &[],
    );
}

#[test]
fn reference_numbers_are_not_quantities() {
    assert_quantities(
        "Under Article 33(1), para. 12 and No. 5, the men were held in Camp 15.",
        &[],
    );
    assert_quantities("They rely on articles 3 and 16 of the Convention.", &[]);
}

#[test]
fn document_symbols_are_not_quantities() {
    assert_quantities("See A/HRC/25/63 and CAT/C/CHN/CO/5, paras. 12-14.", &[]);
}

#[test]
fn footnote_and_citation_markers_are_not_quantities() {
    assert_quantities("The women were beaten.12", &[]);
    assert_quantities("The camp closed in 2019.14", &[]);
    assert_quantities("Guards beat 300 detainees [12].", &["300 detainees"]);
}

#[test]
fn list_markers_and_ordinals_are_not_quantities() {
    assert_quantities("3. Release all detained asylum seekers.", &[]);
    assert_quantities(
        "The 2nd wave came in the 1990s after COVID-19 and the G20.",
        &[],
    );
}

#[test]
fn a_lone_one_is_not_a_quantity() {
    assert_quantities("One official said one of the women was beaten.", &[]);
}

#[test]
fn a_third_country_is_not_a_fraction() {
    assert_quantities("The refugee was resettled to a third country.", &[]);
    assert_quantities("The drought cut the harvest by a third.", &["a third"]);
}

#[test]
fn a_period_half_is_not_a_fraction() {
    assert_quantities(
        "In the first half of 2019, half of the arrivals were children.",
        &["half"],
    );
}

#[test]
fn a_sentence_without_numbers_has_no_quantities() {
    assert_quantities(
        "The ministry insists that the migrants are not refugees.",
        &[],
    );
}

// ---------------------------------------------------------------- alias files

struct TempFile(PathBuf);

impl TempFile {
    fn with(name: &str, contents: &str) -> Self {
        let path = std::env::temp_dir().join(format!(
            "claimscan-extract-{}-{name}.tsv",
            std::process::id()
        ));
        std::fs::write(&path, contents).expect("write the temporary alias file");
        TempFile(path)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[test]
fn a_user_alias_maps_to_its_canonical_name() {
    let file = TempFile::with(
        "user-alias",
        "# local NGOs\nNorth Korea Freedom Coalition\tNKFC\n",
    );
    let extractor = RuleExtractor::new().with_aliases_file(&file.0).unwrap();
    let attributes = extractor.extract("The North Korea Freedom Coalition wrote to Beijing.");
    assert_eq!(attributes.actors, ["NKFC", "China"]);
}

#[test]
fn a_user_alias_overrides_a_built_in_one() {
    let file = TempFile::with("override", "[places]\nKabul\tTaliban\n");
    let extractor = RuleExtractor::new().with_aliases_file(&file.0).unwrap();
    assert_eq!(
        extractor.extract("Kabul rejected the plan.").actors,
        ["Taliban"]
    );
    assert_eq!(
        extractor.extract("They fled to Kabul.").actors,
        Vec::<String>::new()
    );
}

#[test]
fn user_demonyms_need_an_institutional_noun() {
    let file = TempFile::with("demonym", "[demonyms]\nRuritanian\tRuritania\n");
    let extractor = RuleExtractor::new().with_aliases_file(&file.0).unwrap();
    assert_eq!(
        extractor.extract("Ruritanian police detained them.").actors,
        ["Ruritania"]
    );
    assert!(extractor
        .extract("Ruritanian women fled.")
        .actors
        .is_empty());
}

#[test]
fn the_built_in_table_is_unchanged_without_a_user_file() {
    assert_actors("Ocean Watch counted the boats.", &[]);
}

#[test]
fn a_malformed_line_is_a_data_error_naming_file_and_line() {
    let file = TempFile::with("malformed", "# comment\nGood Alias\tGood\nno tab here\n");
    let error = RuleExtractor::new()
        .with_aliases_file(&file.0)
        .err()
        .expect("an error");
    match &error {
        Error::Data { path, line, .. } => {
            assert_eq!(path, &file.0);
            assert_eq!(*line, 3);
        }
        other => panic!("expected Error::Data, got {other:?}"),
    }
    let message = error.to_string();
    assert!(message.contains("line 3"), "{message}");
    assert!(message.contains(&file.0.display().to_string()), "{message}");
}

#[test]
fn too_many_fields_and_empty_names_are_data_errors() {
    for (name, contents) in [
        ("three-fields", "A\tB\tC\n"),
        ("empty-canonical", "Alias\t\n"),
        ("no-letters", "--\tX\n"),
    ] {
        let file = TempFile::with(name, contents);
        let result = RuleExtractor::new().with_aliases_file(&file.0);
        assert!(
            matches!(result, Err(Error::Data { line: 1, .. })),
            "{name}: expected a data error on line 1"
        );
    }
}

#[test]
fn an_unknown_section_is_a_data_error() {
    let file = TempFile::with("section", "\n[cities]\nLima\tPeru\n");
    let result = RuleExtractor::new().with_aliases_file(&file.0);
    assert!(matches!(result, Err(Error::Data { line: 2, .. })));
}

#[test]
fn an_unreadable_file_is_an_io_error() {
    let missing = std::env::temp_dir().join("claimscan-extract-no-such-file.tsv");
    let result = RuleExtractor::new().with_aliases_file(&missing);
    match result {
        Err(Error::Io { path, .. }) => assert_eq!(path, missing),
        Err(other) => panic!("expected Error::Io, got {other:?}"),
        Ok(_) => panic!("expected Error::Io, got an extractor"),
    }
}

#[test]
fn blank_lines_comments_and_crlf_are_accepted() {
    let file = TempFile::with("crlf", "# c\r\n\r\n  \r\nOcean Watch\tOcean Watch\r\n");
    let extractor = RuleExtractor::new().with_aliases_file(&file.0).unwrap();
    assert_eq!(
        extractor.extract("Ocean Watch counted the boats.").actors,
        ["Ocean Watch"]
    );
}
