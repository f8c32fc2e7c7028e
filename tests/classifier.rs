//! The trained default classifier (provisioned by the test command) and the classify,
//! train and eval commands around it.
use crate::common;
use claimscan::model::classifier::{ClaimClassifier, Classifier, DEFAULT_CLASSIFIER};
use claimscan::model::encoder::{EncoderSettings, Precision};
use std::process::Output;

fn default_classifier() -> ClaimClassifier {
    let settings = EncoderSettings {
        precision: Precision::F32,
        ..EncoderSettings::default()
    };
    ClaimClassifier::open(&common::models_dir().join(DEFAULT_CLASSIFIER), settings)
        .expect("trained classifier (run `make classifier`)")
}

fn predicted(classifier: &ClaimClassifier, texts: &[&str]) -> Vec<Vec<bool>> {
    classifier
        .probabilities(texts)
        .unwrap()
        .iter()
        .map(|p| claimscan::model::classifier::decide(p, classifier.thresholds()))
        .collect()
}

#[test]
fn clear_cases_get_the_guideline_labels() {
    let classifier = default_classifier();
    let cases: [(&str, [bool; 3]); 6] = [
        ("Prison guards whipped the women and kept them chained in a cellar for weeks.", [true, false, false]),
        ("Last month the police put 120 Afghan families on buses and deported them across the border.", [false, true, false]),
        ("The foreign ministry maintains that the border crossers are economic migrants and not refugees.", [false, false, true]),
        ("Rainfall in the valley was the lowest recorded in forty years.", [false, false, false]),
        ("Those forcibly returned were tortured in the security service's detention centre.", [true, true, false]),
        ("The committee called on the government to halt all deportations to the country immediately.", [false, true, true]),
    ];
    let texts: Vec<&str> = cases.iter().map(|(t, _)| *t).collect();
    for ((text, expected), got) in cases.iter().zip(predicted(&classifier, &texts)) {
        assert_eq!(&got[..], expected, "{text}");
    }
}

#[test]
fn test_set_macro_f1_stays_above_the_floor() {
    let classifier = default_classifier();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/labeled/test.csv");
    let examples = claimscan::model::dataset::load(&path, classifier.labels()).unwrap();
    let texts: Vec<&str> = examples.iter().map(|e| e.text.as_str()).collect();
    let gold: Vec<Vec<f32>> = examples.iter().map(|e| e.targets.clone()).collect();
    let scores = classifier.probabilities(&texts).unwrap();
    let report = claimscan::evaluate::metrics::evaluate(
        classifier.labels(),
        &scores,
        &gold,
        classifier.thresholds(),
    );
    assert!(examples.len() >= 500);
    // The quality bar is 0.90 (see the model card); this floor catches a broken model or pipeline.
    assert!(
        report.macro_f1() >= 0.85,
        "macro F1 {:.3}",
        report.macro_f1()
    );
    for label in &report.per_label {
        assert!(label.f1() >= 0.80, "{} F1 {:.3}", label.label, label.f1());
    }
}

fn run(args: &[&str], stdin: &[u8]) -> Output {
    common::run_with_stdin(args, stdin)
}

#[test]
fn classify_lines_writes_labels_scores_and_attributes() {
    let input = "Border guards reportedly beat the men before handing them to the DPRK police.\n=cmd|' /C calc'!A0\n";
    let output = run(&["classify", "--threads", "1"], input.as_bytes());
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "text",
            "labels",
            "p_abuse",
            "p_refoulement",
            "p_policy_stance",
            "hedged",
            "actors",
            "quantities",
            "lang"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // `labels` lists, in label-set order, exactly the labels whose score reaches its threshold.
    let thresholds = default_classifier().thresholds().to_vec();
    let expected: Vec<&str> = ["abuse", "refoulement", "policy_stance"]
        .iter()
        .zip(&thresholds)
        .enumerate()
        .filter(|(j, (_, t))| rows[0][2 + j].parse::<f32>().unwrap() >= **t)
        .map(|(_, (name, _))| *name)
        .collect();
    assert_eq!(&rows[0][1], expected.join(";"));
    assert!(rows[0][1].starts_with("abuse"), "labels {}", &rows[0][1]);
    assert_eq!(&rows[0][5], "1");
    assert_eq!(&rows[0][6], "North Korea");
    assert!(rows[0][2].parse::<f32>().unwrap() > 0.5 && rows[0][2].len() == 6);
    assert!(
        rows[1][0].starts_with("'="),
        "formula neutralised: {}",
        &rows[1][0]
    );
}

#[test]
fn classify_csv_passes_every_column_through() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("in.csv");
    std::fs::write(&path, "id,sentence,source\n7,\"Officials said all 300 detainees would be repatriated, without exception.\",memo\n").unwrap();
    let path = path.to_str().unwrap();
    let output = run(
        &["classify", "--input", path, "--text-column", "sentence"],
        b"",
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header[..3], ["id", "sentence", "source"]);
    let row = reader.records().next().unwrap().unwrap();
    assert_eq!((&row[0], &row[2]), ("7", "memo"));
    assert!(row[3].contains("refoulement"), "labels {}", &row[3]);
    assert!(row[9].contains("300"), "quantities {}", &row[9]);

    let wrong = run(&["classify", "--input", path, "--text-column", "body"], b"");
    assert_eq!(wrong.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&wrong.stderr);
    assert!(
        stderr.contains("no column 'body'") && stderr.contains("in.csv"),
        "{stderr}"
    );
}

#[test]
fn a_user_label_set_trains_and_classifies_without_code_changes() {
    let dir = tempfile::tempdir().unwrap();
    let labels = dir.path().join("labels.toml");
    std::fs::write(
        &labels,
        "name = \"weather\"\n[[label]]\nname = \"rain\"\ndescription = \"It rains.\"\n",
    )
    .unwrap();
    let data = dir.path().join("data.csv");
    let mut csv = String::from("text,rain\n");
    for i in 0..20 {
        csv.push_str(&format!(
            "Heavy rain fell on day {i}.,1\nThe sun shone all of day {i}.,0\n"
        ));
    }
    std::fs::write(&data, csv).unwrap();
    let out = dir.path().join("weather-model");
    let args = [
        "train",
        "--data",
        data.to_str().unwrap(),
        "--labels",
        labels.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--epochs",
        "2",
        "--batch-size",
        "8",
        "--quiet",
        "--if-needed",
    ];
    let trained = run(&args, b"");
    assert!(
        trained.status.success(),
        "{}",
        String::from_utf8_lossy(&trained.stderr)
    );
    let info = claimscan::model::classifier::ModelInfo::read(&out).unwrap();
    assert_eq!(info.labels.names(), ["rain"]);
    assert_eq!(info.thresholds.len(), 1);

    let again = run(&args, b"");
    assert!(String::from_utf8_lossy(&again.stderr).contains("up to date"));

    let output = run(
        &["classify", "--model", out.to_str().unwrap()],
        b"It rained heavily all day.\n",
    );
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.starts_with("text,labels,p_rain,hedged,actors,quantities,lang\n"),
        "{text}"
    );
}

#[test]
fn damaged_classifier_weights_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let source = common::models_dir().join(DEFAULT_CLASSIFIER);
    let copy = dir.path().join("copy");
    std::fs::create_dir(&copy).unwrap();
    for file in [
        "model.json",
        "model.safetensors",
        "config.json",
        "tokenizer.json",
    ] {
        std::fs::copy(source.join(file), copy.join(file)).unwrap();
    }
    let weights = copy.join("model.safetensors");
    let mut bytes = std::fs::read(&weights).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 1;
    std::fs::write(&weights, bytes).unwrap();
    let error = ClaimClassifier::open(&copy, EncoderSettings::default())
        .err()
        .unwrap()
        .to_string();
    assert!(error.contains("does not match the checksum"), "{error}");
}

// issue 9: the committed cross-validation is of the default training on the committed data,
// so `make` trains one model and takes its thresholds from there.
#[test]
fn committed_cross_validation_is_of_the_default_training() {
    use claimscan::model::train::{CrossValidation, TrainParams};
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("models/claimscan-claims.cv.json")).unwrap();
    let cv: CrossValidation = serde_json::from_str(&text).unwrap();
    let data =
        claimscan::model::provision::sha256_file(&root.join("corpus/labeled/train.csv")).unwrap();
    assert_eq!(
        cv.data_sha256, data,
        "cross-validated on other data: run `claimscan cv` again"
    );
    assert_eq!(
        cv.params,
        TrainParams::default().identity(),
        "cross-validated with other parameters"
    );
    assert_eq!(cv.folds.len(), 5);
    assert!(
        cv.mean_macro_f1 > 0.85,
        "cross-validated macro F1 {}",
        cv.mean_macro_f1
    );
}
