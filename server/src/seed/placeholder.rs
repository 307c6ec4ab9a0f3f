//! Product pictures drawn by the program itself: a soft gradient with a
//! simple shape, different for every product, so the demo needs no downloads.

use image::{DynamicImage, Rgb, RgbImage};

use super::Dice;

const SIZE: u32 = 960;

/// Warm and cool pairs that read well behind a card's text.
const PALETTES: &[([u8; 3], [u8; 3], [u8; 3])] = &[
    ([244, 226, 208], [214, 170, 140], [120, 60, 40]),
    ([220, 234, 242], [150, 188, 214], [30, 70, 110]),
    ([228, 240, 222], [160, 200, 150], [50, 100, 60]),
    ([245, 232, 240], [210, 160, 190], [110, 40, 80]),
    ([238, 236, 224], [200, 190, 150], [90, 80, 40]),
    ([232, 228, 246], [170, 160, 220], [60, 50, 120]),
];

/// A picture for the product numbered `seed`.
pub fn picture(seed: u64) -> DynamicImage {
    let mut dice = Dice::new(seed);
    let (light, mid, dark) = *dice.pick(PALETTES);
    let shape = dice.below(3);
    let radius = (SIZE / 5 + dice.below(u64::from(SIZE / 8)) as u32) as i64;
    let centre = (SIZE as i64 / 2, SIZE as i64 / 2);
    let image = RgbImage::from_fn(SIZE, SIZE, |x, y| {
        let t = (x + y) as f32 / (2 * SIZE) as f32;
        let background = mix(light, mid, t);
        let (dx, dy) = (x as i64 - centre.0, y as i64 - centre.1);
        let inside = match shape {
            0 => dx * dx + dy * dy <= radius * radius,
            1 => dx.abs() + dy.abs() <= radius,
            _ => dx.abs() <= radius && dy.abs() <= radius * 3 / 4,
        };
        if inside {
            Rgb(mix(dark, mid, (y as f32 / SIZE as f32) * 0.5))
        } else {
            Rgb(background)
        }
    });
    DynamicImage::ImageRgb8(image)
}

fn mix(a: [u8; 3], b: [u8; 3], t: f32) -> [u8; 3] {
    let channel = |i: usize| (f32::from(a[i]) * (1.0 - t) + f32::from(b[i]) * t).round() as u8;
    [channel(0), channel(1), channel(2)]
}
