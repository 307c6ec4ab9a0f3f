//! Numbered pages of a list: the rows a page number asks for, and the page
//! that comes back with the count of everything matching.

/// The last page any list goes to: beyond it nothing is listed, and the
/// offset cannot overflow.
pub const LAST_PAGE: i64 = 1_000_000;

/// The rows page `number` (1-based; out of range is clamped) of `size`
/// rows covers, for a query's `LIMIT` and `OFFSET`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    number: i64,
    size: i64,
}

impl Window {
    pub fn new(number: i64, size: i64) -> Self {
        Self {
            number: number.clamp(1, LAST_PAGE),
            size,
        }
    }

    pub fn limit(self) -> i64 {
        self.size
    }

    pub fn offset(self) -> i64 {
        (self.number - 1) * self.size
    }

    /// This window's `items` out of `total` matching rows.
    pub fn page<T>(self, items: Vec<T>, total: i64) -> Page<T> {
        Page {
            items,
            total,
            page: self.number,
            page_size: self.size,
        }
    }
}

/// One page of a list and how many items match in all.
#[derive(Clone, Debug)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
}

impl<T> Page<T> {
    pub fn page_count(&self) -> i64 {
        ((self.total + self.page_size - 1) / self.page_size).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_clamps_its_number_and_counts_pages() {
        assert_eq!(Window::new(0, 25).offset(), 0);
        assert_eq!(Window::new(3, 25).offset(), 50);
        assert_eq!(Window::new(i64::MAX, 25).offset(), (LAST_PAGE - 1) * 25);
        let page = Window::new(2, 25).page(vec![(); 25], 51);
        assert_eq!((page.page, page.page_count()), (2, 3));
        assert_eq!(Window::new(1, 25).page(Vec::<()>::new(), 0).page_count(), 1);
    }
}
