//! `GET /apply/receipt/{token}`: the application has been sent. A confirmation panel with the
//! dossier code, then the receipt as the law words it (Mẫu 01, "Giấy tiếp nhận hồ sơ và hẹn trả
//! kết quả", Circular 01/2018/TT-VPCP), printable on A4 (`@media print` in style/main.css), with
//! a QR code that opens the dossier's tracking page.

use crate::components::form::ConfirmationPanel;
use crate::components::PageHead;
use crate::i18n::{format_vnd, t, use_lang, Lang};
use crate::portal::dossier::{Receipt, ReturnMethod};
use crate::site::{use_site, use_site_url};
use crate::track::with_receipt;
use leptos::prelude::*;

#[component]
pub fn ReceiptPage() -> impl IntoView {
    with_receipt(|r| {
        // The token goes into links and the QR code: only a token-shaped one (the portal may be
        // another system's).
        if Receipt::is_token_shaped(&r.tracking_token) {
            receipt(r).into_any()
        } else {
            view! { <crate::components::ErrorNotice error=crate::error::AppError::PortalBroken/> }.into_any()
        }
    })
}

fn receipt(r: Receipt) -> impl IntoView {
    let r = &r;
    // The panel's children are rendered later, so they own what they show.
    let code = r.dossier_code.clone();
    let lang = use_lang();
    let en = lang.is_english();
    let site = use_site_url();
    let track_url = format!("{site}/track/{}", r.tracking_token);
    let qr = qr_svg(&qr_link(&site, &r.tracking_token));
    let centre = use_site().service_centre(lang).to_string();
    let counted_later = r.counted_from.get(..16) != r.received_at.get(..16);
    let applicant = if r.applicant_name.is_empty() { "—".to_string() } else { r.applicant_name.clone() };
    view! {
        <PageHead title=format!("{} – {}", t("receipt-panel-title"), r.dossier_code) robots_noindex=true/>
        <ConfirmationPanel title=t("receipt-panel-title")>
            <p>{t("receipt-your-code")}</p>
            <p class="dossier-code mt-1 font-mono text-2xl font-bold sm:text-3xl">{code}</p>
        </ConfirmationPanel>
        <p class="no-print mt-4">{t("receipt-print-hint")}</p>
        <article class="receipt mt-6" aria-labelledby="receipt-title">
            <div class="receipt-head">
                <p class="font-semibold uppercase">{centre}</p>
                <p class="text-right">
                    <span class="block font-semibold">{t("receipt-nation")}</span>
                    <span class="block">{t("receipt-motto")}</span>
                </p>
            </div>
            <p class="hint mt-2">{t("receipt-form-number")}</p>
            <h2 id="receipt-title" class="mt-2 text-center text-xl font-bold uppercase">{t("receipt-title")}</h2>
            <p class="text-center">{t("receipt-code")} " " <strong class="dossier-code">{r.dossier_code.clone()}</strong></p>
            <dl class="summary-list mt-4">
                {row(t("receipt-applicant"), applicant)}
                {row(t("receipt-procedure"), format!("{} ({})", r.procedure_name.get(en), r.procedure_code))}
                {row(t("receipt-agency"), r.agency.get(en).to_string())}
                {row(t("receipt-received-at"), Receipt::local_time(&r.received_at))}
                {counted_later.then(|| row(t("receipt-counted-from"), Receipt::local_time(&r.counted_from)))}
                {row(t("receipt-processing-time"), processing_time(lang, r))}
                {row(t("receipt-due"), due(r))}
            </dl>
            <h3 class="section-title mt-6">{t("receipt-documents")}</h3>
            <table class="receipt-table mt-2">
                <thead>
                    <tr>
                        <th scope="col">{t("receipt-documents-no")}</th>
                        <th scope="col">{t("receipt-documents-name")}</th>
                        <th scope="col">{t("receipt-documents-originals")}</th>
                        <th scope="col">{t("receipt-documents-copies")}</th>
                        <th scope="col">{t("receipt-documents-files")}</th>
                    </tr>
                </thead>
                <tbody>
                    {r.documents.iter().enumerate().map(|(i, d)| view! {
                        <tr>
                            <td>{i + 1}</td>
                            <td>{d.name.get(en).to_string()}</td>
                            <td>{d.originals}</td>
                            <td>{d.copies}</td>
                            <td>{d.files}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <h3 class="section-title mt-6">{t("receipt-fees")}</h3>
            <ul class="mt-2 list-disc pl-5">
                {if r.fees.is_empty() {
                    view! { <li>{t("fee-none")}</li> }.into_any()
                } else {
                    r.fees.iter().map(|f| {
                        let amount = if f.amount_vnd == 0 { t("fee-free") } else { format_vnd(f.amount_vnd) };
                        view! { <li>{fee_description(f.description.get(en))} ": " <strong>{amount}</strong></li> }
                    }).collect_view().into_any()
                }}
            </ul>
            <h3 class="section-title mt-6">{t("receipt-return")}</h3>
            <p class="mt-2">{return_text(r)}</p>
            <p>{r.return_address.clone()}</p>
            {r.postal_fee_vnd.map(|fee| view! { <p>{t("receipt-postal-fee")} " " <strong>{format_vnd(fee)}</strong></p> })}
            <h3 class="section-title mt-6">{t("receipt-next")}</h3>
            <ol class="mt-2 list-decimal space-y-1 pl-5">
                <li>{t("receipt-next-check")}</li>
                <li>{t("receipt-next-supplement")}</li>
                <li>{if r.return_method == ReturnMethod::Post { t("receipt-next-post") } else { t("receipt-next-counter") }}</li>
                <li>{t("receipt-next-track")}</li>
            </ol>
            <figure class="receipt-qr mt-6">
                <div inner_html=qr></div>
                <figcaption>
                    <span class="block font-semibold">{t("receipt-qr-caption")}</span>
                    <a class="break-all text-sm" href=track_url.clone()>{track_url.clone()}</a>
                </figcaption>
            </figure>
        </article>
        <p class="no-print mt-6 flex flex-wrap gap-3">
            <a class="button-secondary" href=format!("/track/{}", r.tracking_token)>{t("receipt-track-link")}</a>
            <a class="button-secondary" href="/">{t("receipt-home")}</a>
        </p>
        // Where a visit usually ends: on a shared browser, the moment to leave nothing behind.
        <div class="no-print mt-6">
            <crate::components::ForgetThisBrowser prominent=true code=r.procedure_code.clone()/>
        </div>
    }
}

/// A fee's description before ": amount": without its closing full stop (not "sinh).: Miễn phí").
fn fee_description(text: &str) -> String {
    text.trim_end().trim_end_matches(['.', ':', ';']).to_string()
}

fn row(key: String, value: String) -> impl IntoView {
    view! {
        <div class="summary-row">
            <dt class="summary-key">{key}</dt>
            <dd>{value}</dd>
        </div>
    }
}

fn processing_time(lang: Lang, r: &Receipt) -> String {
    use crate::portal::types::TimeUnit;
    let time = &r.processing_time;
    if time.amount <= 0.0 {
        return lang.t("time-same-day");
    }
    let key = match time.unit {
        TimeUnit::WorkingDays => "time-working-days",
        TimeUnit::Days => "time-days",
        TimeUnit::WorkingHours => "time-working-hours",
    };
    lang.t_with(key, &[("count", crate::i18n::num(time.amount))])
}

/// The appointment: a date, with the hour when the office closes that day.
fn due(r: &Receipt) -> String {
    let when = Receipt::local_time(&r.due_at);
    if r.due_provisional {
        format!("{when} ({})", t("receipt-due-provisional"))
    } else {
        when
    }
}

fn return_text(r: &Receipt) -> String {
    match r.return_method {
        ReturnMethod::Post => t("receipt-return-post"),
        ReturnMethod::Counter => t("receipt-return-counter"),
    }
}

/// What the QR code holds. For a site at a bare origin and a token of capitals, digits, `.` and
/// `-` (the portal's short token), the same page as `/T/{token}` in capitals: a QR code's
/// alphanumeric mode packs that in 5.5 bits a character instead of 8, so the code has fewer,
/// bigger modules for a cheap camera and is quicker to draw. Scheme and host are read in any
/// case, and `/T/{token}` redirects to `/track/{token}`. Anything else: the link as shown.
fn qr_link(site: &str, token: &str) -> String {
    const ALPHANUMERIC: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    let upper = format!("{}/T/{token}", site.to_ascii_uppercase());
    let bare_origin = site.split_once("://").is_some_and(|(_, host)| !host.contains('/'));
    if bare_origin && upper.bytes().all(|b| ALPHANUMERIC.contains(&b)) {
        upper
    } else {
        format!("{site}/track/{token}")
    }
}

/// The QR code of `url` as inline SVG, drawn on the server. The SVG holds only numbers (never the
/// encoded text), so nothing of the URL can become markup.
fn qr_svg(url: &str) -> String {
    #[cfg(feature = "ssr")]
    {
        // fast_qr, not qrcode: the same modules (the same mask is chosen), but qrcode scored the
        // eight masks in about 1 ms a receipt, half of the CPU time of a submission and its receipt.
        let Ok(code) = fast_qr::QRBuilder::new(url.as_bytes()).ecl(fast_qr::ECL::M).build() else {
            return String::new();
        };
        qr_path_svg(code.size, &dark_modules(&code))
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = url;
        String::new()
    }
}

/// One `<path>` in module units, each row's runs of dark modules as one rectangle: about a third
/// of the bytes of the crate's one-square-per-module SVG, on a receipt that must stay small.
/// Hidden from screen readers (the caption and the link beside it say the same).
#[cfg(feature = "ssr")]
fn qr_path_svg(width: usize, modules: &[bool]) -> String {
    use std::fmt::Write;
    const QUIET: usize = 4;
    let side = width + 2 * QUIET;
    let mut d = String::new();
    for (y, row) in modules.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            let run = row[x..].iter().take_while(|dark| **dark).count();
            if run > 0 {
                let _ = write!(d, "M{} {}h{run}v1h-{run}z", x + QUIET, y + QUIET);
            }
            x += run.max(1);
        }
    }
    format!(
        "<svg aria-hidden=\"true\" focusable=\"false\" class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" \
         viewBox=\"0 0 {side} {side}\" width=\"176\" height=\"176\" shape-rendering=\"crispEdges\">\
         <rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/><path d=\"{d}\"/></svg>"
    )
}

/// Row by row, whether each module of the code is dark.
#[cfg(feature = "ssr")]
fn dark_modules(code: &fast_qr::QRCode) -> Vec<bool> {
    code.data[..code.size * code.size].iter().map(|m| m.value()).collect()
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    #[test]
    fn a_fee_reads_description_colon_amount() {
        assert_eq!(
            super::fee_description("Miễn lệ phí (trong 60 ngày kể từ ngày sinh). "),
            "Miễn lệ phí (trong 60 ngày kể từ ngày sinh)"
        );
        assert_eq!(super::fee_description("Lệ phí"), "Lệ phí");
    }

    #[test]
    fn the_qr_code_is_plain_svg_whatever_the_url() {
        let svg = super::qr_svg("https://dvc.example/track/<script>alert(1)</script>.x");
        assert!(svg.starts_with("<svg aria-hidden=\"true\""), "{}", &svg[..60]);
        assert!(svg.ends_with("</svg>"));
        assert!(!svg.contains("script") && !svg.contains("<?xml"));
        let tags: Vec<&str> = svg.split('<').skip(1).map(|t| t.split([' ', '>', '/']).next().unwrap()).collect();
        assert!(tags.iter().all(|t| ["svg", "rect", "path", ""].contains(t)), "{tags:?}");
    }

    #[test]
    fn a_short_token_goes_into_the_qr_code_in_capitals_and_anything_else_as_shown() {
        let short = "000.00.01.H25-261202-0001.7K2M9QXD4HRTB1CW";
        let site = "https://dichvucong.phutho.gov.vn";
        assert_eq!(super::qr_link(site, short), format!("HTTPS://DICHVUCONG.PHUTHO.GOV.VN/T/{short}"));
        assert_eq!(super::qr_link("http://127.0.0.1:3000", short), format!("HTTP://127.0.0.1:3000/T/{short}"));
        let long = "MDAwLjAwLjAxLkgyNS0yNjEyMDItMDAwMXwxODI3ODAzNjA3.3OvYDIxw6iTdMawBp_eKQUdK0vJTKbJPk4zyVh9rxG8";
        assert_eq!(super::qr_link(site, long), format!("{site}/track/{long}"));
        // Under a path, whose case the server may keep: the link as shown.
        assert_eq!(super::qr_link("https://gov.vn/dvc", short), format!("https://gov.vn/dvc/track/{short}"));
        assert_eq!(super::qr_link("", short), format!("/track/{short}"));
        // A province's address and a short token fit in a version 4 code (33 modules a side),
        // where the long link needed version 8 (49).
        let size = |url: &str| fast_qr::QRBuilder::new(url).ecl(fast_qr::ECL::M).build().unwrap().size;
        assert!(size(&super::qr_link(site, short)) <= 33);
        assert_eq!(size(&super::qr_link(site, long)), 49);
    }

    /// A phone's scanner reads the link back from the modules drawn (checked with rqrr, another
    /// crate's decoder, on the modules at 4 pixels each inside their quiet zone).
    #[test]
    fn the_qr_code_reads_back_as_the_link() {
        let url = super::qr_link("https://dichvucong.phutho.gov.vn", "000.00.01.H25-261202-0001.7K2M9QXD4HRTB1CW");
        let code = fast_qr::QRBuilder::new(url.as_str()).ecl(fast_qr::ECL::M).build().unwrap();
        let (width, modules) = (code.size, super::dark_modules(&code));
        let (scale, side) = (4, (width + 8) * 4);
        let mut image = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
            let (mx, my) = ((x / scale).wrapping_sub(4), (y / scale).wrapping_sub(4));
            if mx < width && my < width && modules[my * width + mx] {
                0
            } else {
                255
            }
        });
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1, "one code found");
        let (_, text) = grids[0].decode().unwrap();
        assert_eq!(text, url);
    }

    /// Read back, the path's rectangles cover exactly the dark modules the crate computed.
    #[test]
    fn the_path_draws_every_dark_module_and_nothing_else() {
        let url = "https://dvc.example/track/000.00.01.H25-261201-0007.abcdefghijklmnop";
        let code = fast_qr::QRBuilder::new(url).ecl(fast_qr::ECL::M).build().unwrap();
        let (width, modules) = (code.size, super::dark_modules(&code));
        let svg = super::qr_path_svg(width, &modules);
        let d = svg.split("d=\"").nth(1).unwrap().split('"').next().unwrap();
        let mut drawn = vec![false; width * width];
        for rect in d.split('z').filter(|r| !r.is_empty()) {
            let (xy, rest) = rect.trim_start_matches('M').split_once('h').unwrap();
            let (x, y) = xy.split_once(' ').unwrap();
            let (x, y): (usize, usize) = (x.parse::<usize>().unwrap() - 4, y.parse::<usize>().unwrap() - 4);
            let run: usize = rest.split('v').next().unwrap().parse().unwrap();
            drawn[y * width + x..y * width + x + run].fill(true);
        }
        assert!(drawn == modules, "the path and the code differ");
    }
}
