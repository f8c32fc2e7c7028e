//! Minimal SVG line plots for precision-recall curves. Hand-written rather than plotters:
//! plotters needs a font stack for text layout, and a PR plot is a few dozen elements.
use std::fmt::Write as _;

const WIDTH: f64 = 560.0;
const HEIGHT: f64 = 420.0;
const MARGIN: f64 = 60.0;
const COLOURS: [&str; 5] = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"];

/// An SVG with one polyline per (name, [(recall, precision)]) curve, axes from 0 to 1.
pub fn precision_recall_svg(title: &str, curves: &[(String, Vec<(f64, f64)>)]) -> String {
    let x = |recall: f64| MARGIN + recall * (WIDTH - 2.0 * MARGIN);
    let y = |precision: f64| HEIGHT - MARGIN - precision * (HEIGHT - 2.0 * MARGIN);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{HEIGHT}\" font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n<text x=\"{}\" y=\"24\" text-anchor=\"middle\" font-size=\"15\">{}</text>\n",
        WIDTH / 2.0,
        escape(title)
    );
    for tick in 0..=5 {
        let v = tick as f64 / 5.0;
        let _ = writeln!(
            svg,
            "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#ddd\"/><line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#ddd\"/>\n<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{v:.1}</text><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{v:.1}</text>",
            x(v), y(0.0), x(v), y(1.0), x(0.0), y(v), x(1.0), y(v),
            x(v), y(0.0) + 18.0, x(0.0) - 8.0, y(v) + 4.0
        );
    }
    let _ = writeln!(
        svg,
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">recall</text><text x=\"16\" y=\"{:.1}\" text-anchor=\"middle\" transform=\"rotate(-90 16 {:.1})\">precision</text>",
        WIDTH / 2.0,
        HEIGHT - 16.0,
        HEIGHT / 2.0,
        HEIGHT / 2.0
    );
    for (i, (name, points)) in curves.iter().enumerate() {
        let colour = COLOURS[i % COLOURS.len()];
        let path: Vec<String> = points
            .iter()
            .map(|&(r, p)| format!("{:.1},{:.1}", x(r), y(p)))
            .collect();
        let _ = writeln!(
            svg,
            "<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{}\"/>\n<rect x=\"{:.1}\" y=\"{:.1}\" width=\"14\" height=\"3\" fill=\"{colour}\"/><text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            path.join(" "),
            x(0.04),
            y(0.3) + 18.0 * i as f64 - 4.0,
            x(0.04) + 20.0,
            y(0.3) + 18.0 * i as f64,
            escape(name)
        );
    }
    svg.push_str("</svg>\n");
    svg
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_one_polyline_per_curve_with_escaped_names() {
        let curves = vec![
            ("a <model>".to_string(), vec![(0.0, 1.0), (1.0, 0.5)]),
            ("b".to_string(), vec![(0.5, 0.5)]),
        ];
        let svg = precision_recall_svg("PR", &curves);
        assert_eq!(svg.matches("<polyline").count(), 2);
        assert!(svg.contains("a &lt;model&gt;") && svg.ends_with("</svg>\n"));
    }
}
