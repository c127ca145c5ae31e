//! Article dates: parsing the metadata's date, query ranges, and the calendar arithmetic the
//! timeline's day/week/month buckets need (proleptic Gregorian, no time zones).

/// A calendar day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Day of the month, 1–31.
    pub day: u32,
}

impl Day {
    /// The day as a sortable integer `YYYYMMDD` (the index's date field).
    pub fn key(self) -> i64 {
        i64::from(self.year) * 10_000 + i64::from(self.month) * 100 + i64::from(self.day)
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The day `days` days after 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> Self {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Self { year, month, day }
    }

    /// The Monday of this day's ISO week.
    #[must_use]
    pub fn week_start(self) -> Self {
        let days = self.days_since_epoch();
        // 1970-01-01 was a Thursday: Monday is 3 days before it.
        let weekday = (days + 3).rem_euclid(7);
        Self::from_days_since_epoch(days - weekday)
    }

    /// The first of this day's month.
    #[must_use]
    pub fn month_start(self) -> Self {
        Self { day: 1, ..self }
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

/// A date as written with one, two or three parts (`2021`, `2021-03`, `2021-03-05`), as the
/// first and last day it covers. Returns `None` for anything else.
fn parse_period(text: &str) -> Option<(Day, Day)> {
    let parts: Vec<&str> = text.split('-').collect();
    let number = |s: &str, len: usize| -> Option<u32> {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let year = number(parts.first()?, 4)? as i32;
    match parts.len() {
        1 => Some((
            Day {
                year,
                month: 1,
                day: 1,
            },
            Day {
                year,
                month: 12,
                day: 31,
            },
        )),
        2 | 3 => {
            let month = number(parts[1], 2).filter(|m| (1..=12).contains(m))?;
            let last = days_in_month(year, month);
            if parts.len() == 2 {
                return Some((
                    Day {
                        year,
                        month,
                        day: 1,
                    },
                    Day {
                        year,
                        month,
                        day: last,
                    },
                ));
            }
            let day = number(parts[2], 2).filter(|d| (1..=last).contains(d))?;
            let d = Day { year, month, day };
            Some((d, d))
        }
        _ => None,
    }
}

/// The day an article's metadata date names: an ISO date at its start (`2021-03-05`,
/// `2021-03-05T10:00Z`). A date with only a year or month, or none, is no day.
///
/// ```
/// use quarry::search::date::parse_article_date;
/// assert_eq!(parse_article_date("2021-03-05T10:00:00Z").unwrap().to_string(), "2021-03-05");
/// assert!(parse_article_date("March 2021").is_none());
/// ```
pub fn parse_article_date(text: &str) -> Option<Day> {
    let head = text.trim().get(..10)?;
    match parse_period(head) {
        Some((a, b)) if a == b => Some(a),
        _ => None,
    }
}

/// An inclusive range of days; either end may be open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateRange {
    /// First day, if bounded.
    pub from: Option<Day>,
    /// Last day, if bounded.
    pub to: Option<Day>,
}

impl DateRange {
    /// True if `day` lies in the range.
    pub fn contains(&self, day: Day) -> bool {
        self.from.is_none_or(|f| f <= day) && self.to.is_none_or(|t| day <= t)
    }
}

/// Parses a query's date range: `2021-01..2021-03`, `2021..`, `..2021-03-15`, or one period
/// (`2021-02` is all of February).
pub fn parse_range(text: &str) -> Result<DateRange, String> {
    let bad = |part: &str| {
        format!("bad date {part:?} (write YYYY, YYYY-MM or YYYY-MM-DD, ranges as FROM..TO)")
    };
    if let Some((from, to)) = text.split_once("..") {
        let from = if from.is_empty() {
            None
        } else {
            Some(parse_period(from).ok_or_else(|| bad(from))?.0)
        };
        let to = if to.is_empty() {
            None
        } else {
            Some(parse_period(to).ok_or_else(|| bad(to))?.1)
        };
        if from.is_none() && to.is_none() {
            return Err(bad(text));
        }
        if let (Some(f), Some(t)) = (from, to)
            && f > t
        {
            return Err(format!("date range {text:?} ends before it starts"));
        }
        return Ok(DateRange { from, to });
    }
    let (from, to) = parse_period(text).ok_or_else(|| bad(text))?;
    Ok(DateRange {
        from: Some(from),
        to: Some(to),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_days_round_trip_and_weeks_start_on_monday() {
        for days in [-800_000, -1, 0, 1, 18_628, 19_000, 400_000] {
            assert_eq!(Day::from_days_since_epoch(days).days_since_epoch(), days);
        }
        let d = parse_article_date("2021-03-05").unwrap(); // A Friday.
        assert_eq!(d.week_start().to_string(), "2021-03-01");
        assert_eq!(
            parse_article_date("2021-01-01")
                .unwrap()
                .week_start()
                .to_string(),
            "2020-12-28"
        );
    }

    #[test]
    fn ranges_cover_whole_periods() {
        let r = parse_range("2021-01..2021-02").unwrap();
        assert!(r.contains(parse_article_date("2021-02-28").unwrap()));
        assert!(!r.contains(parse_article_date("2021-03-01").unwrap()));
        let leap = parse_range("2020-02").unwrap();
        assert_eq!(leap.to.unwrap().to_string(), "2020-02-29");
        assert!(parse_range("..2021").unwrap().from.is_none());
        assert!(parse_range("2021-13").unwrap_err().contains("bad date"));
        assert!(
            parse_range("2021..2020")
                .unwrap_err()
                .contains("ends before")
        );
        assert!(parse_range("..").is_err());
    }
}
