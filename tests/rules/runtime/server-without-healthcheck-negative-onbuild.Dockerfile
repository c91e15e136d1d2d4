# An image with ONBUILD triggers is a base for other images.
FROM php:8.3-fpm
ONBUILD COPY . /var/www/html
CMD ["php-fpm"]
