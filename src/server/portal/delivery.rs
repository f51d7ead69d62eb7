//! The embedded portal's side of "how to receive the result": the VNPost tariff it quotes from
//! (`data/postal/vnpost-tariff.toml`, REFERENCE values, not VNPost's contract prices) and the
//! quote itself, a pure function the submission can call again to record the fee it showed.

use crate::portal::delivery::PostalQuote;
use crate::portal::types::{LocalizedText, Province, UnitKind};
use axum::http::StatusCode;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The tariff file, under the data directory.
pub const TARIFF_FILE: &str = "postal/vnpost-tariff.toml";

/// Đồng for one result envelope, by the kind of unit it goes to, and the originals' surcharge.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tariff {
    pub ward: u64,
    pub commune: u64,
    pub special_zone: u64,
    pub originals_surcharge: u64,
    pub description: LocalizedText,
}

/// Why no quote can be given.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DeliveryError {
    /// The unit code is none of the province's communes, wards or special zones.
    #[error("`{0}` is not a commune, ward or special zone of the province")]
    UnknownCommune(String),
}

impl DeliveryError {
    /// Every delivery error is about what the client asked for.
    pub fn status(&self) -> StatusCode {
        match self {
            DeliveryError::UnknownCommune(_) => StatusCode::BAD_REQUEST,
        }
    }
}

/// Why the tariff could not be loaded; stops the start.
#[derive(Debug, thiserror::Error)]
pub enum TariffError {
    #[error("cannot read {}: {source}", path.display())]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{} is not a valid tariff: {source}", path.display())]
    Parse { path: PathBuf, source: toml::de::Error },
    #[error("{}: every fee must be above 0 and the description in both languages", path.display())]
    Incomplete { path: PathBuf },
}

impl Tariff {
    /// Reads and checks the tariff at `path`.
    pub fn load(path: &Path) -> Result<Tariff, TariffError> {
        let text =
            std::fs::read_to_string(path).map_err(|source| TariffError::Read { path: path.to_path_buf(), source })?;
        let tariff: Tariff =
            toml::from_str(&text).map_err(|source| TariffError::Parse { path: path.to_path_buf(), source })?;
        let fees = [tariff.ward, tariff.commune, tariff.special_zone];
        let described = !tariff.description.vi.trim().is_empty() && !tariff.description.en.trim().is_empty();
        match fees.iter().all(|f| *f > 0) && described {
            true => Ok(tariff),
            false => Err(TariffError::Incomplete { path: path.to_path_buf() }),
        }
    }

    fn base(&self, kind: UnitKind) -> u64 {
        match kind {
            UnitKind::Ward => self.ward,
            UnitKind::Commune => self.commune,
            UnitKind::SpecialZone => self.special_zone,
        }
    }
}

/// The fee for delivering a result to `commune` (a unit code of `province`), with the originals
/// too when `originals`. Always a reference quote: the embedded portal has no VNPost contract.
pub fn quote(
    tariff: &Tariff,
    province: &Province,
    commune: &str,
    originals: bool,
) -> Result<PostalQuote, DeliveryError> {
    let unit = province
        .units
        .iter()
        .find(|u| u.code == commune.trim())
        .ok_or_else(|| DeliveryError::UnknownCommune(commune.to_string()))?;
    let surcharge = if originals { tariff.originals_surcharge } else { 0 };
    Ok(PostalQuote {
        fee_vnd: tariff.base(unit.kind) + surcharge,
        commune: unit.clone(),
        originals_by_post: originals,
        reference: true,
        description: tariff.description.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::portal::types::AdminUnit;

    fn data() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data")
    }

    fn province() -> Province {
        let unit = |code: &str, kind| AdminUnit { code: code.into(), name: format!("Unit {code}"), kind };
        Province {
            code: "25".into(),
            name: "Phú Thọ".into(),
            units: vec![unit("1", UnitKind::Ward), unit("2", UnitKind::Commune), unit("3", UnitKind::SpecialZone)],
        }
    }

    #[test]
    fn the_fee_depends_on_the_kind_of_unit_and_the_originals() {
        let tariff = Tariff::load(&data().join(TARIFF_FILE)).unwrap();
        let fee = |code, originals| quote(&tariff, &province(), code, originals).unwrap().fee_vnd;
        assert_eq!(fee("1", false), tariff.ward);
        assert_eq!(fee("2", false), tariff.commune);
        assert_eq!(fee("3", false), tariff.special_zone);
        assert_eq!(fee("2", true), tariff.commune + tariff.originals_surcharge);
        let q = quote(&tariff, &province(), " 2 ", true).unwrap();
        assert!(q.reference && q.originals_by_post);
        assert_eq!(q.commune.name, "Unit 2");
        let err = quote(&tariff, &province(), "99", false).unwrap_err();
        assert_eq!((err.status(), err), (StatusCode::BAD_REQUEST, DeliveryError::UnknownCommune("99".into())));
    }

    #[test]
    fn the_real_tariff_quotes_every_unit_of_the_real_province() {
        let tariff = Tariff::load(&data().join(TARIFF_FILE)).unwrap();
        let province: Province = crate::server::portal::store::read_json(&data().join("units/phu-tho.json")).unwrap();
        for unit in &province.units {
            assert!(quote(&tariff, &province, &unit.code, false).is_ok(), "{}", unit.code);
        }
    }

    #[test]
    fn a_broken_tariff_stops_the_start() {
        let dir = std::env::temp_dir().join(format!("dvc-tariff-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let write = |text: &str| {
            let path = dir.join("t.toml");
            std::fs::write(&path, text).unwrap();
            Tariff::load(&path)
        };
        let description = "[description]\nvi = \"Cước\"\nen = \"Postage\"\n";
        assert!(
            write(&format!("ward = 1\ncommune = 2\nspecial_zone = 3\noriginals_surcharge = 0\n{description}")).is_ok()
        );
        assert!(matches!(
            write(&format!("ward = 0\ncommune = 2\nspecial_zone = 3\noriginals_surcharge = 0\n{description}")),
            Err(TariffError::Incomplete { .. })
        ));
        assert!(matches!(
            write(&format!("ward = 1\ncomune = 2\nspecial_zone = 3\noriginals_surcharge = 0\n{description}")),
            Err(TariffError::Parse { .. })
        ));
        assert!(matches!(Tariff::load(&dir.join("missing.toml")), Err(TariffError::Read { .. })));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
