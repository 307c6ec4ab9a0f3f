//! Dates and times written the reader's way, with ICU4X and the Unicode
//! CLDR data built into it: `5 Dec 2026, 14:03`, `5 déc. 2026, 14:03`,
//! `05.12.2026, 14:03`. English is written the British way (day, month,
//! year), as a European marketplace's readers expect.

use std::sync::LazyLock;

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use icu_calendar::Iso;
use icu_datetime::{
    DateTimeFormatter,
    fieldsets::{YM, YMD, YMDT},
    input::{Date, DateTime as CivilTime, Time},
    options::TimePrecision,
};
use icu_locale_core::Locale;
use texts::Lang;

/// A day: `5 Dec 2026`, `5 déc. 2026`, `05.12.2026`.
pub fn day(date: NaiveDate, lang: Lang) -> String {
    static FORMATTERS: LazyLock<Vec<DateTimeFormatter<YMD>>> =
        LazyLock::new(|| each_language(|locale| DateTimeFormatter::try_new(locale, YMD::medium())));
    FORMATTERS[index(lang)]
        .format(&civil_date(date))
        .to_string()
}

/// A moment to the minute, in UTC: `5 Dec 2026, 14:03 UTC`.
pub fn moment(at: DateTime<Utc>, lang: Lang) -> String {
    static FORMATTERS: LazyLock<Vec<DateTimeFormatter<YMDT>>> = LazyLock::new(|| {
        each_language(|locale| {
            DateTimeFormatter::try_new(
                locale,
                YMDT::medium().with_time_precision(TimePrecision::Minute),
            )
        })
    });
    let civil = CivilTime {
        date: civil_date(at.date_naive()),
        time: Time::try_new(at.hour() as u8, at.minute() as u8, 0, 0)
            .expect("chrono's hours and minutes are in range"),
    };
    format!("{} UTC", FORMATTERS[index(lang)].format(&civil))
}

/// A month: `December 2026`, `décembre 2026`, `Dezember 2026`.
pub fn month(first_day: NaiveDate, lang: Lang) -> String {
    static FORMATTERS: LazyLock<Vec<DateTimeFormatter<YM>>> =
        LazyLock::new(|| each_language(|locale| DateTimeFormatter::try_new(locale, YM::long())));
    FORMATTERS[index(lang)]
        .format(&civil_date(first_day))
        .to_string()
}

fn civil_date(date: NaiveDate) -> Date<Iso> {
    Date::try_new_iso(date.year(), date.month() as u8, date.day() as u8)
        .expect("chrono's dates are valid ISO dates")
}

/// One formatter per language, in `Lang::ALL`'s order.
fn each_language<T, E: std::fmt::Debug>(
    make: impl Fn(icu_datetime::DateTimeFormatterPreferences) -> Result<T, E>,
) -> Vec<T> {
    Lang::ALL
        .into_iter()
        .map(|lang| {
            let code = match lang {
                Lang::En => "en-GB",
                other => other.code(),
            };
            let locale: Locale = code.parse().expect("a language code is a locale");
            make(locale.into()).expect("ICU4X's built-in data covers every language Bazaar speaks")
        })
        .collect()
}

fn index(lang: Lang) -> usize {
    Lang::ALL
        .iter()
        .position(|each| *each == lang)
        .expect("every language is in Lang::ALL")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_writes_dates_its_own_way() {
        let date = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
        let at = date.and_hms_opt(14, 3, 59).unwrap().and_utc();
        assert_eq!(day(date, Lang::En), "5 Dec 2026");
        assert_eq!(day(date, Lang::Fr), "5 déc. 2026");
        assert_eq!(day(date, Lang::De), "05.12.2026");
        assert_eq!(moment(at, Lang::En), "5 Dec 2026, 14:03 UTC");
        assert_eq!(moment(at, Lang::De), "05.12.2026, 14:03 UTC");
        assert_eq!(month(date, Lang::Fr), "décembre 2026");
        assert_eq!(month(date, Lang::De), "Dezember 2026");
    }
}
